"""People and their roles."""
from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint, false, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from vae.core.clock import now
from vae.extensions import db
from vae.models.states import LOCALES, ROLES
from vae.models.types import UTCDateTime, one_of


def _new_nonce() -> str:
    return secrets.token_urlsafe(16)


def full_name(first_name: str, last_name: str) -> str:
    """How a person is named on every page (also for names read as columns)."""
    return f"{first_name} {last_name}".strip()


class User(UserMixin, db.Model):
    __tablename__ = "user"
    # The staff list of people is sorted by name, one page at a time.
    __table_args__ = (one_of("locale", LOCALES), Index("ix_user_name_order", "last_name", "first_name", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(256))
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(40))
    locale: Mapped[str] = mapped_column(String(5), default="fr")
    # Easy-read French (FALC) on the candidate's pages, chosen from the header toggle.
    easy_read: Mapped[bool] = mapped_column(default=False, server_default=false())
    active: Mapped[bool] = mapped_column(default=True)
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Part of the login session id: changing it logs the person out everywhere.
    session_nonce: Mapped[str] = mapped_column(String(32), default=_new_nonce)
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)

    role_rows: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    # -- identity -------------------------------------------------------
    @property
    def full_name(self) -> str:
        return full_name(self.first_name, self.last_name)

    @property
    def is_active(self) -> bool:  # Flask-Login: deactivated accounts cannot log in
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_nonce}"

    def renew_session_nonce(self) -> None:
        self.session_nonce = _new_nonce()

    # -- password ---------------------------------------------------------
    def set_password(self, password: str, method: str = "scrypt") -> None:
        self.password_hash = generate_password_hash(password, method=method)

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    # -- roles --------------------------------------------------------------
    @property
    def roles(self) -> frozenset[str]:
        return frozenset(r.role for r in self.role_rows)

    def has_role(self, role: str) -> bool:
        return role in self.roles

    def set_roles(self, roles) -> None:
        wanted = set(roles)
        unknown = wanted - set(ROLES)
        if unknown:
            raise ValueError(f"unknown roles: {sorted(unknown)}")
        self.role_rows = [r for r in self.role_rows if r.role in wanted] + [
            UserRole(role=role) for role in sorted(wanted - self.roles)
        ]

    @classmethod
    def by_email(cls, email: str) -> User | None:
        return db.session.scalar(select(cls).where(func.lower(cls.email) == email.strip().lower()))

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class UserRole(db.Model):
    __tablename__ = "user_role"
    __table_args__ = (
        UniqueConstraint("user_id", "role"),
        one_of("role", ROLES),
        Index("ix_user_role_role", "role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(20))
    user: Mapped[User] = relationship(back_populates="role_rows")
