"""The purposes every installation starts with. Slugs are stable (programs and other apps name
them); names are content with Thai and Polish translations, editable by admins."""

from django.db import migrations

# slug, kind, channels, English name, Thai name, Polish name
PURPOSES = [
    ("marketing-email", "marketing", ["email"], "Marketing by email", "การตลาดทางอีเมล",
     "Marketing e-mailowy"),
    ("marketing-sms", "marketing", ["sms"], "Marketing by SMS", "การตลาดทาง SMS",
     "Marketing SMS"),
    ("marketing-chat", "marketing", ["chat"], "Marketing by chat message",
     "การตลาดทางข้อความแชท", "Marketing przez komunikatory"),
    ("phone-calls", "marketing", ["phone"], "Sales and marketing calls",
     "การโทรเพื่อขายและการตลาด", "Telefony sprzedażowe i marketingowe"),
    ("surveys", "research", [], "Surveys and feedback requests", "แบบสำรวจและการขอความคิดเห็น",
     "Ankiety i prośby o opinię"),
    ("profiling", "profiling", [], "Profiling for personalised offers",
     "การวิเคราะห์โปรไฟล์เพื่อข้อเสนอเฉพาะบุคคล", "Profilowanie w celu dopasowania ofert"),
    ("partner-sharing", "sharing", [], "Sharing with partners", "การแบ่งปันข้อมูลกับพันธมิตร",
     "Udostępnianie danych partnerom"),
]


def seed(apps, schema_editor):
    Purpose = apps.get_model("privacy", "Purpose")
    PurposeTranslation = apps.get_model("privacy", "PurposeTranslation")
    for slug, kind, channels, english, thai, polish in PURPOSES:
        purpose, created = Purpose.objects.get_or_create(
            slug=slug, defaults={"kind": kind, "channels": channels, "name": english}
        )
        if created:
            PurposeTranslation.objects.bulk_create(
                [
                    PurposeTranslation(purpose=purpose, language="th", name=thai),
                    PurposeTranslation(purpose=purpose, language="pl", name=polish),
                ]
            )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_ledger")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
