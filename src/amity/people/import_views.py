"""The import pages: upload a file, check the column mapping Amity guessed, then watch the
background run (the page polls with HTMX) and download the rejected rows.

Importing needs ``records.write`` (403 otherwise); a job is shown to the person who started it
and to administrators."""

from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amity.core.errors import DomainError
from amity.core.page_access import writer_required
from amity.core.permissions import Action, role_allows
from amity.people.forms.page_form import PageForm
from amity.people.importing import jobs
from amity.people.importing.header_spellings import IGNORE
from amity.people.models import ImportJob

RECENT_JOBS = 20


class UploadForm(PageForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("The file holds"), choices=ImportJob.Kind.choices, initial="contacts"
    )
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy(
            "CSV (any common encoding), Excel XLSX or vCard (.vcf). Exports from HubSpot, "
            "Salesforce and Amity are recognized."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx,.vcf,.vcard"}),
    )


def _mapping_form(preview: dict, data=None) -> forms.Form:
    fields = sorted(preview["fields"].items(), key=lambda item: item[1])
    choices = [(IGNORE, _("Do not import")), *fields]
    form = forms.Form(data)
    for index, column in enumerate(preview["columns"]):
        form.fields[f"column_{index}"] = forms.ChoiceField(
            label=column["header"], choices=choices, initial=column["field"]
        )
    return form


def _job(request, job_id: int) -> ImportJob:
    jobs_shown = ImportJob.objects.select_related("created_by")
    if not role_allows(request.user.role, Action.MANAGE_SETTINGS):
        jobs_shown = jobs_shown.filter(created_by=request.user)
    return get_object_or_404(jobs_shown, pk=job_id)


@writer_required(methods=["GET", "POST"])
def import_start(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = jobs.import_job_create(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            return redirect("import_detail", job_id=job.pk)
    recent = ImportJob.objects.filter(created_by=request.user)[:RECENT_JOBS]
    return render(request, "people/import_start.html", {"form": form, "jobs": recent})


@writer_required(methods=["GET", "POST"])
def import_detail(request, job_id: int):
    """The mapping page while the job waits for it; afterwards its progress and report."""
    job = _job(request, job_id)
    action = request.POST.get("action", "")
    if not job.is_active and (job.status == ImportJob.Status.DRAFT or action in ("remap", "start")):
        return _mapping_page(request, job)
    if request.method == "POST" and action == "rerun":
        try:
            jobs.import_job_start(actor=request.user, job=job, mapping=job.mapping)
        except DomainError as error:
            context = {"job": job, "report": job.report, "error": error}
            return render(request, "people/import_progress.html", context)
        return redirect("import_detail", job_id=job.pk)
    template = "people/import_progress.html"
    if request.htmx:
        template += "#progress"
    return render(request, template, {"job": job, "report": job.report})


def _mapping_page(request, job: ImportJob):
    preview = jobs.import_job_preview(job)
    data = request.POST if request.POST.get("action") == "start" else None
    form = _mapping_form(preview, data)
    if data is not None and form.is_valid():
        mapping = {
            column["header"]: form.cleaned_data[f"column_{index}"]
            for index, column in enumerate(preview["columns"])
        }
        try:
            jobs.import_job_start(actor=request.user, job=job, mapping=mapping)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("import_detail", job_id=job.pk)
    rows = [
        {"column": column, "field": form[f"column_{index}"]}
        for index, column in enumerate(preview["columns"])
    ]
    return render(request, "people/import_preview.html", {"job": job, "form": form, "rows": rows})


@writer_required
def import_rejects(request, job_id: int):
    job = _job(request, job_id)
    if not job.rejects_file:
        raise Http404
    return FileResponse(
        job.rejects_file.open("rb"),
        as_attachment=True,
        filename=job.rejects_file.name.rsplit("/", 1)[-1],
        content_type="text/csv; charset=utf-8",
    )
