"""One inbox for every inquiry (admin menu "Inquiries", ``/admin/inbox/``), whichever language's
contact page it came through: language as a column, the visitor's choices (service, sample
type, …) shown in Chinese, filters by date, service, language and whether it is handled, a
handled mark with a note, and one CSV/XLSX export of all of it in local time (Asia/Shanghai,
said in the column headings; ``exports.py``). Only the Inquiry handlers group (and superusers)
see it: its permissions are Django's view/change/delete on ``InquirySubmission``."""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _
from django_filters import BooleanFilter, ChoiceFilter, DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, Panel
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from corporate.core.models import ServicePage
from corporate.inquiries.answers import answer, chinese_words, field_labels, in_chinese
from corporate.inquiries.exports import InboxIndexView
from corporate.inquiries.forms import OTHER_SERVICE
from corporate.inquiries.models import InquirySubmission


def service_choices():
    source = Locale.get_default()
    services = ServicePage.objects.filter(locale=source).order_by("path")
    with override(settings.LANGUAGE_CODE):
        other = gettext("Other / not sure")
    return [(page.translation_key, page.title) for page in services] + [(OTHER_SERVICE, other)]


class InboxFilterSet(WagtailFilterSet):
    submit_time = DateFromToRangeFilter(label=_("Submission date"), widget=DateRangePickerWidget)
    service = ChoiceFilter(label=_("Service"), method="filter_service", choices=service_choices)
    language = ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)
    is_handled = BooleanFilter(label=_("Handled"))

    class Meta:
        model = InquirySubmission
        fields = []

    def filter_service(self, queryset, name, value):
        if value == OTHER_SERVICE:
            titles = set()
            for code, _name in settings.LANGUAGES:
                with override(code):
                    titles.add(gettext("Other / not sure"))
        else:
            titles = set(
                ServicePage.objects.filter(translation_key=value).values_list("title", flat=True)
            )
        return queryset.filter(form_data__service__in=sorted(titles))


class AnswersPanel(Panel):
    """What the visitor sent, read-only, above the handled mark."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "inquiries/inbox/answers_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            submission = self.instance
            labels = dict(field_labels())
            words = chinese_words()
            context.update(
                submission=submission,
                rows=[
                    (labels.get(name, name), in_chinese(value, words))
                    for name, value in submission.form_data.items()
                ],
            )
            return context


class InquiryHandlingForm(WagtailAdminModelForm):
    def save(self, commit=True):
        instance = super().save(commit=False)
        if instance.is_handled and instance.handled_at is None:
            instance.handled_at = timezone.now()
        elif not instance.is_handled:
            instance.handled_at = None
        if commit:
            instance.save()
        return instance


class InboxPermissionPolicy(ModelPermissionPolicy):
    """Inquiries come from the website only: nobody adds one in the admin."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


register_permission_policy(InquirySubmission, InboxPermissionPolicy(InquirySubmission))


class InboxViewSet(ModelViewSet):
    model = InquirySubmission
    name = "inbox"
    icon = "mail"
    menu_label = _("Inquiries")
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False
    inspect_view_enabled = False
    index_view_class = InboxIndexView
    filterset_class = InboxFilterSet
    search_fields = ["reference"]
    ordering = ["-submit_time"]
    list_per_page = 50
    export_filename = "inquiries"
    edit_handler = ObjectList(
        [
            AnswersPanel(heading=_("The inquiry")),
            FieldPanel("is_handled"),
            FieldPanel("handling_note", widget=forms.Textarea(attrs={"rows": 3})),
        ],
        base_form_class=InquiryHandlingForm,
    )

    @property
    def list_display(self):
        return [
            TitleColumn(
                "reference",
                label=_("Reference number"),
                url_name=self.get_url_name("edit"),
                sort_key="reference",
            ),
            DateColumn("submit_time", label=_("Submission date"), sort_key="submit_time"),
            Column("language", label=_("Language"), accessor="get_language_display"),
            Column("name", label=_("Name"), accessor=answer("name")),
            Column("company", label=_("Company"), accessor=answer("company")),
            Column("service", label=_("Service"), accessor=answer("service")),
            BooleanColumn("is_handled", label=_("Handled"), sort_key="is_handled"),
            Column("mail_status", label=_("Notification e-mail")),
        ]
