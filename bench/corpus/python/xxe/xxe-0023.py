"""Validate the root of an e-invoice."""

import xml.sax
from dataclasses import dataclass
from xml.dom import minidom
from xml.sax.handler import feature_external_ges

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST


@dataclass
class InvoiceRootRequest:
    document: bytes


@require_POST
def invoice_root(request: HttpRequest):
    job = InvoiceRootRequest(document=request.FILES["invoice"].read())
    parser = xml.sax.make_parser()
    parser.setFeature(feature_external_ges, True)
    dom = minidom.parseString(job.document, parser=parser)
    return JsonResponse({"root": dom.documentElement.tagName})
