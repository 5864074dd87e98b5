def delete_invoice(user, invoice, items):
    # ruleid: python.assert-for-auth
    assert user.is_authenticated
    # ruleid: python.assert-for-auth
    assert user.has_perm("billing.delete_invoice"), "forbidden"
    # ok: python.assert-for-auth
    assert len(items) > 0
    if not user.is_staff:
        raise PermissionError("staff only")
    invoice.delete()
