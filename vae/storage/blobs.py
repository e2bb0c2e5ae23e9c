"""Where stored bytes live: UPLOAD_DIR on local disk (the default) or an S3-compatible bucket.

Both are content-addressed by SHA-256 (the same bytes are stored once) and private: nothing
is ever served from them directly, only through the access-checked routes (vae.storage.routes,
the API). `STORAGE_BACKEND=s3` selects the bucket (docs/storage.md, docs/deployment.md).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import BinaryIO

from flask import current_app

_s3_clients: dict[tuple, object] = {}


def using_s3() -> bool:
    return current_app.config.get("STORAGE_BACKEND", "local") == "s3"


def local_path(sha256: str) -> Path:
    """UPLOAD_DIR/ab/abcdef…: the local layout (also the S3 read cache's layout, under cache/)."""
    return Path(current_app.config["UPLOAD_DIR"]) / sha256[:2] / sha256


def _s3():
    config = current_app.config
    settings = (config.get("S3_ENDPOINT_URL"), config.get("S3_REGION"))
    if settings not in _s3_clients:
        import boto3

        _s3_clients[settings] = boto3.client("s3", endpoint_url=settings[0], region_name=settings[1])
    return _s3_clients[settings]


def _key(sha256: str) -> str:
    return f"{current_app.config.get('S3_PREFIX', '')}{sha256[:2]}/{sha256}"


def _bucket() -> str:
    return current_app.config["S3_BUCKET"]


def _s3_has(sha256: str) -> bool:
    from botocore.exceptions import ClientError

    try:
        _s3().head_object(Bucket=_bucket(), Key=_key(sha256))
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return False
        raise
    return True


def put(sha256: str, temp_path: Path) -> None:
    """Keep the checked temp file under its hash (once: a second upload of the same bytes adds nothing)."""
    if not using_s3():
        target = local_path(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            temp_path.unlink(missing_ok=True)
        else:
            os.replace(temp_path, target)
        return
    try:
        if not _s3_has(sha256):
            # Private object (no ACL grant); the bucket policy must not make it public either.
            _s3().upload_file(str(temp_path), _bucket(), _key(sha256))
    finally:
        temp_path.unlink(missing_ok=True)


def exists(sha256: str) -> bool:
    return _s3_has(sha256) if using_s3() else local_path(sha256).is_file()


def open_stream(sha256: str) -> tuple[BinaryIO, int] | None:
    """The bytes as a stream and their size, or None when they are missing."""
    if not using_s3():
        path = local_path(sha256)
        return (path.open("rb"), path.stat().st_size) if path.is_file() else None
    from botocore.exceptions import ClientError

    try:
        answer = _s3().get_object(Bucket=_bucket(), Key=_key(sha256))
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
            return None
        raise
    return answer["Body"], int(answer["ContentLength"])


def readable_path(sha256: str) -> Path:
    """A local file holding the bytes (the file itself, or a private copy fetched from the bucket).

    For code that needs a path (the GDPR archive): the copy is in UPLOAD_DIR/cache, removed with
    the stale temp files. A missing object gives a path that does not exist, as on disk.
    """
    if not using_s3():
        return local_path(sha256)
    target = Path(current_app.config["UPLOAD_DIR"]) / "cache" / sha256[:2] / sha256
    if not target.is_file():
        found = open_stream(sha256)
        if found is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            with found[0] as body, target.open("wb") as out:
                shutil.copyfileobj(body, out)
    return target


def remove(sha256: str) -> None:
    """Erase the bytes (GDPR erasure, after the commit that removed their last row)."""
    local_path(sha256).unlink(missing_ok=True)
    if using_s3():
        (Path(current_app.config["UPLOAD_DIR"]) / "cache" / sha256[:2] / sha256).unlink(missing_ok=True)
        _s3().delete_object(Bucket=_bucket(), Key=_key(sha256))
