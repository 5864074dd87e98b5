def find_user(cursor, name, table):
    # ruleid: python.sql-injection-format
    cursor.execute(f"SELECT * FROM users WHERE name = '{name}'")
    # ruleid: python.sql-injection-format
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)
    # ruleid: python.sql-injection-format
    cursor.execute("SELECT * FROM users WHERE name = '{}'".format(name))
    # ruleid: python.sql-injection-format
    cursor.executemany("DELETE FROM " + table + " WHERE id = %s", [(1,), (2,)])
    query = f"SELECT * FROM {table}"
    # ruleid: python.sql-injection-format
    cursor.execute(query)


def find_user_safely(cursor, name):
    # ok: python.sql-injection-format
    cursor.execute("SELECT * FROM users WHERE name = %s", (name,))
    # ok: python.sql-injection-format
    cursor.execute("SELECT count(*) FROM users")
    query = "SELECT * FROM users WHERE name = ?"
    # ok: python.sql-injection-format
    cursor.execute(query, (name,))
    # ok: python.sql-injection-format
    cursor.execute(f"SELECT count(*) FROM users")
