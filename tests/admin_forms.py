"""Post Wagtail admin forms the way a browser does: read the rendered edit form, keep every
value as it is, change what the test says.

The admin renders ordinary fields as inputs, but a StreamField as one JavaScript-driven
element; its POST data (``body-count``, ``body-0-type``, ``body-0-value-…``) is built here from
the object's value, block by block."""

from bs4 import BeautifulSoup
from django import forms
from django.db.models import Model
from wagtail import blocks
from wagtail.fields import StreamField


def block_data(block, value, prefix):
    """The POST data Wagtail's block widget sends for ``value`` of ``block``."""
    data = {}
    if isinstance(block, blocks.StreamBlock):
        children = list(value or [])
        data[f"{prefix}-count"] = str(len(children))
        for index, child in enumerate(children):
            data[f"{prefix}-{index}-type"] = child.block_type
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            data[f"{prefix}-{index}-id"] = child.id or ""
            data.update(block_data(child.block, child.value, f"{prefix}-{index}-value"))
    elif isinstance(block, blocks.ListBlock):
        items = list(value.bound_blocks) if hasattr(value, "bound_blocks") else []
        data[f"{prefix}-count"] = str(len(items))
        for index, item in enumerate(items):
            data[f"{prefix}-{index}-deleted"] = ""
            data[f"{prefix}-{index}-order"] = str(index)
            data[f"{prefix}-{index}-id"] = item.id or ""
            data.update(block_data(block.child_block, item.value, f"{prefix}-{index}-value"))
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            data.update(block_data(child, value.get(name) if value else None, f"{prefix}-{name}"))
    elif isinstance(block, blocks.FieldBlock):
        field = block.field
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[prefix] = "on"
        else:
            form_value = block.value_for_form(value)
            if isinstance(form_value, Model):
                form_value = form_value.pk
            else:
                form_value = field.prepare_value(form_value)
                if isinstance(form_value, Model):
                    form_value = form_value.pk
            formatted = field.widget.format_value(form_value)
            if isinstance(formatted, list | tuple):
                data[prefix] = [str(v) for v in formatted]
            else:
                data[prefix] = "" if formatted is None else str(formatted)
    return data


def _inputs(form):
    data = {}

    def add(name, value):
        if name in data:
            existing = data[name]
            data[name] = [*(existing if isinstance(existing, list) else [existing]), value]
        else:
            data[name] = value

    for element in form.find_all(["input", "textarea", "select"]):
        if element.find_parent("template") is not None:
            continue
        name = element.get("name")
        if not name:
            continue
        if element.name == "textarea":
            add(name, element.text)
        elif element.name == "select":
            chosen = [
                o.get("value", o.text) for o in element.find_all("option") if o.has_attr("selected")
            ]
            if element.has_attr("multiple"):
                for value in chosen:
                    add(name, value)
            else:
                add(name, chosen[0] if chosen else "")
        else:
            kind = element.get("type", "text")
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    add(name, element.get("value", "on"))
            elif kind in ("submit", "button", "file", "image", "reset"):
                continue
            else:
                add(name, element.get("value", ""))
    return data


def edit_form_data(client, url, instance, form_id=None):
    """Everything the edit form at ``url`` would post unchanged for ``instance``."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    soup = BeautifulSoup(response.content, "html.parser")
    form = soup.find("form", id=form_id) if form_id else None
    if form is None:
        form = max(soup.find_all("form", method=lambda m: (m or "").lower() == "post"), key=len)
    data = _inputs(form)
    data.pop("csrfmiddlewaretoken", None)
    for field in type(instance)._meta.get_fields():
        if isinstance(field, StreamField) and form.find(id=field.name) is not None:
            data.update(block_data(field.stream_block, getattr(instance, field.name), field.name))
    return data
