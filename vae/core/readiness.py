"""What `/readyz` checks: every service this app server is configured to use, each named if it fails."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import text

from vae.core import redis_link
from vae.extensions import db


def check_dependencies() -> list[str]:
    problems = []
    try:
        db.session.execute(text("SELECT 1"))
    except Exception:  # any driver error means "not ready"; the log has the detail
        current_app.logger.exception("readiness: database")
        db.session.rollback()
        problems.append("database")
    redis = redis_link.client()
    if redis is not None:
        try:
            redis.ping()
        except Exception:
            current_app.logger.exception("readiness: redis")
            problems.append("redis")
    if current_app.config.get("STORAGE_BACKEND") == "s3":
        try:
            import boto3

            boto3.client("s3", endpoint_url=current_app.config.get("S3_ENDPOINT_URL"),
                         region_name=current_app.config.get("S3_REGION")).head_bucket(
                Bucket=current_app.config["S3_BUCKET"])
        except Exception:
            current_app.logger.exception("readiness: object storage")
            problems.append("object storage")
    return problems
