"""Importers that feature apps register (in their AppConfig.ready), by kind."""

_importers = {}


def register(importer_class):
    _importers[importer_class.kind] = importer_class
    return importer_class


def get_importer(kind):
    """An instance of the importer of that kind, or None."""
    importer_class = _importers.get(kind)
    return importer_class() if importer_class else None


def all_importers():
    return [cls() for cls in _importers.values()]
