from django.db.models.expressions import RawSQL

from app.models import Person


def search(last_name, order):
    # ruleid: python.django-raw-sql
    Person.objects.raw(f"SELECT * FROM app_person WHERE last_name = '{last_name}'")
    # ruleid: python.django-raw-sql
    Person.objects.raw("SELECT * FROM app_person WHERE last_name = '%s'" % last_name)
    # ruleid: python.django-raw-sql
    Person.objects.annotate(val=RawSQL("SELECT col FROM t WHERE x = " + order, ()))
    # ruleid: python.django-raw-sql
    Person.objects.extra(where=["last_name = '{}'".format(last_name)])
    # ok: python.django-raw-sql
    Person.objects.raw("SELECT * FROM app_person WHERE last_name = %s", [last_name])
    # ok: python.django-raw-sql
    Person.objects.annotate(val=RawSQL("SELECT col FROM t WHERE x = %s", (order,)))
