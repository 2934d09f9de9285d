"""The page editor's view of the search engine pushes (Promote tab): per engine, the latest
address pushed and whether it was pushed or failed."""

from django.conf import settings
from wagtail.admin.panels import Panel


class SearchEnginePushPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "seo/admin/push_panel.html"

        def is_shown(self):
            return bool(getattr(self.instance, "pk", None))

        def get_context_data(self, parent_context=None):
            from corporate.core.models import SearchEnginePush  # models import this module

            context = super().get_context_data(parent_context)
            latest = {}
            for push in SearchEnginePush.objects.filter(page_id=self.instance.pk)[:20]:
                latest.setdefault(push.engine, push)
            context["pushes"] = list(latest.values())
            context["baidu_on"] = bool(settings.BAIDU_PUSH_SITE and settings.BAIDU_PUSH_TOKEN)
            context["indexnow_on"] = bool(settings.INDEXNOW_KEY)
            return context
