import os

from celery import Celery

app = Celery("jobs", broker=os.environ.get("BROKER_URL", "redis://redis:6379/0"))


@app.task
def add(x, y):
    return x + y


if __name__ == "__main__":
    app.worker_main(["worker", "--loglevel=info"])
