"""Drives the SQL API the way Superset does: SQLAlchemy reflection over psycopg2, then a GROUP BY.

Usage: sqlalchemy_probe.py <port> <token>; prints one JSON object.
"""
import json
import sys

from sqlalchemy import create_engine, inspect, text

port, token = sys.argv[1], sys.argv[2]
engine = create_engine(f"postgresql+psycopg2://superset:{token}@127.0.0.1:{port}/db?sslmode=disable")
inspector = inspect(engine)
out = {
    "tables": inspector.get_table_names(),
    "views": inspector.get_view_names(),
    "columns": [{"name": c["name"], "type": str(c["type"])} for c in inspector.get_columns("users")],
    "primary_key": inspector.get_pk_constraint("users"),
    "foreign_keys": inspector.get_foreign_keys("users"),
    "indexes": inspector.get_indexes("users"),
}
with engine.connect() as connection:
    rows = connection.execute(
        text("SELECT user_group, COUNT(*) AS n FROM users WHERE status = :status GROUP BY 1 ORDER BY 1"),
        {"status": "Active"},
    )
    out["rows"] = [[r[0], int(r[1])] for r in rows]
print(json.dumps(out))
