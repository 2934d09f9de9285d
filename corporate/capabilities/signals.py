"""The certificates page is indexed with the text of its language's certificates: re-index it
when a certificate changes, so the site search finds a new certificate number at once."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from modelsearch.index import insert_or_update_object

from corporate.capabilities.models import Certificate, CertificatesPage


@receiver(post_save, sender=Certificate, dispatch_uid="capabilities_certificate_saved")
@receiver(post_delete, sender=Certificate, dispatch_uid="capabilities_certificate_deleted")
def reindex_certificates_pages(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for page in CertificatesPage.objects.filter(locale_id=instance.locale_id):
        insert_or_update_object(page)
