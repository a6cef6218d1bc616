import os

import psycopg2
from flask import Flask

app = Flask(__name__)


@app.get("/entries")
def entries():
    with psycopg2.connect(os.environ["DATABASE_URL"]) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM entries")
        return {"count": cur.fetchone()[0]}
