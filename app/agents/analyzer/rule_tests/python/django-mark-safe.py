from django.utils.html import format_html
from django.utils.safestring import mark_safe


def render_link(url, title):
    # ruleid: python.django-mark-safe
    bad = mark_safe(f'<a href="{url}">{title}</a>')
    # ruleid: python.django-mark-safe
    worse = mark_safe(title)
    # ok: python.django-mark-safe
    sep = mark_safe("<hr>")
    # ok: python.django-mark-safe
    good = format_html('<a href="{}">{}</a>', url, title)
    return bad, worse, sep, good
