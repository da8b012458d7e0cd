"""Every Redis key, lock name and job id Báo nói uses, declared once."""

import hashlib
import time

PREFIX = "baonoi"
ARTICLE = PREFIX + ":article:{id}"  # string: the article's JSON
ARTICLES_BY_TIME = PREFIX + ":articles"  # sorted set: id scored by created_at
AUDIO = PREFIX + ":audio:{key}"  # string: the AudioInfo JSON
ARTICLE_AUDIO = PREFIX + ":article-audio:{id}"  # set: every audio key asked for as the article's
LOCK = PREFIX + ":lock:{name}"  # string: holder token, with expiry
COUNTER = PREFIX + ":counter:{name}"  # integer
RATE = PREFIX + ":rate:{bucket}:{client}"  # integer with expiry: per-client rate limit
SOURCE = PREFIX + ":source:{digest}"  # string: a fetched address's state (id, validators, times)
FAILURE = PREFIX + ":failure:{digest}"  # string with expiry: a failed fetch of an address
CATALOG = PREFIX + ":catalog"  # hash: article id -> what the console's list shows (JSON)
CATALOG_FIND = PREFIX + ":catalog:find"  # hash: id -> "<created_at>\x1f<audio key>\x1f<folded>"
CATALOG_VOICES = PREFIX + ":catalog:voices:{id}"  # hash: voice -> the audio key last queued
AUDIO_STATUS = PREFIX + ":audio-status"  # hash: audio key -> its status (the list's filter)
WORK_LOG = PREFIX + ":log:{kind}"  # list, newest first, trimmed: job or fetch failures
FEED_PASSES = PREFIX + ":feeds"  # hash: feed URL -> its last pass (JSON)
ACCOUNTS = PREFIX + ":accounts"  # hash: console account name -> its JSON (role, hash, version)
CONSOLE_SESSION = PREFIX + ":console-session:{digest}"  # string with expiry: "<version> <name>"
SIGNIN_FAILURES = PREFIX + ":signin-failures:{digest}"  # sorted set with expiry: wrong passwords
SIGNIN_LOCK = PREFIX + ":signin-lock:{digest}"  # string with expiry: a locked name or client
AUDIT = PREFIX + ":audit"  # list, newest first: the console's audit events as JSON
CONSOLE_SECRET = PREFIX + ":console-secret"  # string: the console's signing secret, made once
QUEUE = "baonoi-audio"  # the RQ queue for background synthesis jobs (ingest)
QUEUE_NOW = "baonoi-audio-now"  # the RQ queue for jobs a listener waits on: taken first
QUEUE_LONG = "baonoi-audio-long"  # the RQ queue for long articles, taken after the others
QUEUE_NOW_LONG = "baonoi-audio-now-long"  # the RQ queue for long articles a listener waits on
QUEUES = {  # by lane (app.jobs.LANE_*)
    "now": QUEUE_NOW,
    "now-long": QUEUE_NOW_LONG,
    "later": QUEUE,
    "long": QUEUE_LONG,
}
CLIENT_JOBS = PREFIX + ":jobs:{client}"  # sorted set: a client's listener job ids, by time
SYNTH_LOCK = "synth:{key}"  # lock name: one synthesis of an audio key at a time
JOB_ID = "synth-{key}"  # RQ job id of an audio key's synthesis
FETCH_LOCK = "fetch:{digest}"  # lock name: one fetch and ingest of an address at a time
HOST_RATE = "fetch-host"  # rate bucket: fetches of one host per minute, whoever asks
ENGINE_CHARS = "chars:{engine}:{month}"  # counter: characters sent to an engine in a month
HEARD = "heard:{engine}:{voice}"  # counter: sentences a voice spoke in the audio made so far


def url_digest(url: str) -> str:
    """A short fixed-length name for an address (keys stay small whatever the URL)."""
    return hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def source(url: str) -> str:
    """The key of an address's source state."""
    return SOURCE.format(digest=url_digest(url))


def failure(url: str) -> str:
    """The key of an address's remembered fetch failure."""
    return FAILURE.format(digest=url_digest(url))


def fetch_lock(url: str) -> str:
    """The lock name for fetching and ingesting ``url``."""
    return FETCH_LOCK.format(digest=url_digest(url))


def synth_lock(audio_key: str) -> str:
    """The lock name for synthesizing ``audio_key``."""
    return SYNTH_LOCK.format(key=audio_key)


def key_of_synth_lock(name: str) -> str | None:
    """The audio key a ``synth_lock`` name is for, or None for another lock."""
    prefix, _, suffix = SYNTH_LOCK.partition("{key}")
    if name.startswith(prefix) and name.endswith(suffix):
        return name[len(prefix) : len(name) - len(suffix)]
    return None


def job_id(audio_key: str) -> str:
    """The job id for synthesizing ``audio_key``."""
    return JOB_ID.format(key=audio_key)


def month(when: float | None = None) -> str:
    """The calendar month (UTC) of ``when`` (now by default), as ``YYYY-MM``."""
    return time.strftime("%Y-%m", time.gmtime(time.time() if when is None else when))


def engine_chars(engine: str, in_month: str | None = None) -> str:
    """The counter name of the characters sent to ``engine`` in a month (this one by default)."""
    return ENGINE_CHARS.format(engine=engine, month=in_month or month())


def heard(engine: str, voice: str) -> str:
    """The counter name of the sentences ``engine``'s ``voice`` spoke in audio made so far."""
    return HEARD.format(engine=engine, voice=voice)


def client_jobs(client: str) -> str:
    """The key of a client's listener jobs (RQ's per-client cap)."""
    return CLIENT_JOBS.format(client=client or "-")
