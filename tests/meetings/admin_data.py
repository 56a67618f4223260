"""What the Secretariat's browser posts back from a meeting's admin page."""

from django import forms


def _field_data(bound_field) -> dict:
    field, value, name = bound_field.field, bound_field.value(), bound_field.html_name
    if isinstance(field, forms.SplitDateTimeField):
        parts = field.widget.decompress(value)
        return {
            f"{name}_{index}": "" if part is None else str(part)
            for index, part in enumerate(parts)
        }
    if isinstance(field, forms.BooleanField):
        return {name: "on"} if value else {}
    if isinstance(field, forms.FileField):
        return {}
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return {name: [str(item) for item in value or []]}
    if value is None:
        return {name: ""}
    return {name: str(value)}


def _form_data(form) -> dict:
    data = {}
    for bound_field in form:
        data.update(_field_data(bound_field))
    return data


def admin_form_data(response, **changes) -> dict:
    """The data of the add or change page in `response`, as shown, with
    `changes` (by field name, inline rows prefixed as in the page)."""
    context = response.context
    data = _form_data(context["adminform"].form)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.initial_forms:
            data.update(_form_data(form))
    data.update(changes)
    return data


def add_inline_rows(data: dict, prefix: str, rows: list[dict]) -> dict:
    """`data` with new rows of the inline `prefix` ("agenda_items", "documents")."""
    existing = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{existing + offset}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(existing + len(rows))
    return data
