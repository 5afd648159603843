"""Every setting of the HTTP service, in one typed object read from ``COACH_*`` environment variables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Configure with environment variables, e.g. ``COACH_API_KEYS=key1,key2`` or ``COACH_CORS_ORIGINS=https://a.org``."""

    model_config = SettingsConfigDict(env_prefix="COACH_", extra="ignore")

    model: str | None = Field(
        default=None, description="model name under models/ or a path; the best shipped one if unset"
    )
    api_keys: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="accepted API keys (comma-separated); empty means no key is needed"
    )
    api_keys_file: Path | None = Field(
        default=None,
        description="a file with one API key per line, as 'name:key' to name it: a named key's sets stay its name's "
        "when the key is rotated",
    )
    key_names: dict[str, str] = Field(default_factory=dict, description="(from api_keys_file) the name of each key")
    database_url: str | None = Field(
        default=None,
        description="the sets' database: an SQLite file in the user's data directory if unset; "
        "postgresql+psycopg://user:password@host/dbname for several processes or hosts",
    )
    retention_days: int | None = Field(
        default=None, gt=0, description="saved sessions older than this many days are deleted; kept forever if unset"
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list, description="origins allowed by CORS")
    max_body_bytes: int = Field(default=2_000_000, description="largest request body accepted")
    body_timeout_seconds: float = Field(default=30.0, gt=0, description="longest wait for a request body to arrive")
    max_batch: int = Field(default=512, description="most utterances in one classify request")
    max_text_chars: int = Field(default=5_000, description="longest single utterance or practice text")
    max_turns: int = Field(default=20_000, description="most turns in one transcript")
    max_turn_chars: int = Field(default=20_000, description="longest single turn of a transcript")
    max_sentences: int = Field(
        default=6_000, description="most sentences labelled for one request (a 2-hour session has about 2,000)"
    )
    max_live_utterances: int = Field(default=6_000, description="most utterances one live session keeps")
    max_live_sessions_per_key: int = Field(default=20, description="live sessions one API key may keep at once")
    nudge_interval_seconds: float = Field(default=30.0, description="least time between two live nudges")
    live_session_ttl_seconds: float = Field(default=3 * 3600, description="how long a dropped live session can resume")
    max_live_sessions: int = Field(default=200, description="live sessions kept at once (connected or resumable)")

    @field_validator("api_keys", "cors_origins", mode="before")
    @classmethod
    def _split_commas(cls, value: object) -> object:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    def model_post_init(self, context: object) -> None:
        if self.api_keys_file is None:
            return
        for line in self.api_keys_file.read_text(encoding="utf-8").splitlines():
            name, colon, key = line.strip().rpartition(":")
            if not key:
                continue
            self.api_keys = [*self.api_keys, key]
            if colon and name.strip():
                self.key_names[key] = name.strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()
