"""The interactions part of the demo: two years of touchpoints for every demo contact, in
the contact's own language, on the channels they prefer."""

import random
from datetime import timedelta

from django.utils import timezone

from amity.core.demo import DemoContext
from amity.interactions.contracts import InteractionData
from amity.interactions.models import Direction, Outcome
from amity.interactions.services import interaction_log

# Demo content written in each customer's language (data, not interface text).
SUBJECTS = {
    "th": ["สอบถามราคาแพ็กเกจองค์กร", "นัดประชุมทบทวนสัญญา", "ติดตามใบเสนอราคา", "แจ้งปัญหาการใช้งาน"],
    "pl": ["Pytanie o cennik", "Spotkanie w sprawie umowy", "Przypomnienie o ofercie"],
    "ja": ["お見積りのご依頼", "契約更新のご相談", "導入サポートについて", "請求書の件"],
    "ar": ["استفسار عن الأسعار", "اجتماع لمراجعة العقد", "متابعة العرض", "مشكلة في الفاتورة"],
    "he": ["בירור מחיר", "פגישת חידוש חוזה", "מעקב אחר הצעה"],
    "pt": ["Dúvida sobre o plano", "Reunião de renovação", "Proposta comercial"],
    "es": ["Consulta de precios", "Reunión de renovación", "Seguimiento de la propuesta"],
    "de": ["Preisanfrage", "Vertragsverlängerung", "Nachfrage zum Angebot"],
    "fr": ["Demande de tarif", "Renouvellement du contrat", "Suivi de la proposition"],
    "zh": ["询价", "续约会议", "报价跟进"],
    "ko": ["가격 문의", "계약 갱신 미팅", "견적 후속 조치"],
    "en": ["Pricing question", "Contract renewal meeting", "Proposal follow-up", "Invoice query"],
}


def demo_interactions(context: DemoContext) -> None:
    rnd = random.Random(context.seed + 1)
    users = context.created.get("users", [])
    now = timezone.now()
    count = 0
    for contact in context.created.get("contacts", []):
        language = (contact.languages or ["en"])[0].split("-")[0]
        subjects = SUBJECTS.get(language, SUBJECTS["en"])
        channels = contact.preferred_channels or ["email"]
        organization = contact.roles.first()
        for _n in range(rnd.randint(0, 6)):
            channel = rnd.choice(channels)
            interaction_log(
                actor=None,
                actor_label="demo",
                data=InteractionData(
                    channel="meeting" if channel == "in_person" else channel,
                    occurred_at=now - timedelta(minutes=rnd.randint(30, 2 * 365 * 24 * 60)),
                    direction=rnd.choice([Direction.INBOUND, Direction.OUTBOUND]),
                    subject=rnd.choice(subjects),
                    language=language,
                    duration=(
                        timedelta(minutes=rnd.randint(3, 60))
                        if channel in ("phone", "video", "in_person")
                        else None
                    ),
                    outcome=rnd.choice(["", *Outcome.values]),
                    organization_id=organization.organization_id if organization else None,
                    contact_ids=(contact.pk,),
                    user_ids=(rnd.choice(users).pk,) if users else (),
                ),
            )
            count += 1
    context.counts["interactions"] = count
