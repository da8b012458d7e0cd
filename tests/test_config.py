"""Settings: layers in order, the config file found from the merged data directory, bad values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app import create_app
from app.config import Settings, load_settings
from app.errors import ConfigError
from app.services import build_services


def write_config(data_dir: Path, **values: object) -> None:
    """An instance ``config.json`` in ``data_dir``."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "config.json").write_text(json.dumps(values), encoding="utf-8")


def test_defaults_apply_when_nothing_is_set() -> None:
    assert load_settings(environ={}) == Settings()


def test_config_file_is_found_in_the_data_dir_given_by_the_overrides(tmp_path: Path) -> None:
    write_config(tmp_path, max_body_mb=7)
    assert load_settings({"data_dir": tmp_path}, environ={}).max_body_mb == 7


def test_config_file_is_found_in_the_data_dir_given_by_the_environment(tmp_path: Path) -> None:
    write_config(tmp_path, BAONOI_INGEST_PER_MINUTE=9)
    settings = load_settings(environ={"BAONOI_DATA_DIR": str(tmp_path)})
    assert settings.ingest_per_minute == 9


def test_overrides_data_dir_wins_over_the_environment_for_the_config_file(tmp_path: Path) -> None:
    write_config(tmp_path / "env", max_body_mb=3)
    write_config(tmp_path / "test", max_body_mb=4)
    environ = {"BAONOI_DATA_DIR": str(tmp_path / "env")}
    assert load_settings({"data_dir": tmp_path / "test"}, environ=environ).max_body_mb == 4


def test_a_config_file_in_the_working_directory_does_not_leak_into_another_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_config(tmp_path / "instance", max_body_mb=1)
    monkeypatch.chdir(tmp_path)
    assert load_settings({"data_dir": tmp_path / "elsewhere"}, environ={}).max_body_mb == 5


def test_environment_beats_the_file_and_overrides_beat_both(tmp_path: Path) -> None:
    write_config(tmp_path, synth_per_minute=1, ingest_per_minute=1)
    environ = {"BAONOI_DATA_DIR": str(tmp_path), "BAONOI_SYNTH_PER_MINUTE": "2"}
    settings = load_settings({"ingest_per_minute": 3}, environ=environ)
    assert (settings.synth_per_minute, settings.ingest_per_minute) == (2, 3)


def test_plain_redis_url_is_read_and_the_prefixed_one_wins() -> None:
    assert load_settings(environ={"REDIS_URL": "redis://a"}).redis_url == "redis://a"
    both = {"REDIS_URL": "redis://a", "BAONOI_REDIS_URL": "redis://b"}
    assert load_settings(environ=both).redis_url == "redis://b"


def test_lists_split_on_commas_and_spaces() -> None:
    settings = load_settings(environ={"BAONOI_ALLOWED_HOSTS": "a.vn, *.b.vn  c.vn"})
    assert settings.allowed_hosts == ("a.vn", "*.b.vn", "c.vn")


@pytest.mark.parametrize(
    ("name", "value"),
    [("BAONOI_MAX_BODY_MB", "lots"), ("BAONOI_MAX_BODY_MB", "-1"), ("BAONOI_SYNTH_LOCK_TTL_S", "")],
)
def test_bad_numbers_are_config_errors_naming_the_setting(name: str, value: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(environ={name: value})
    assert name.removeprefix("BAONOI_").lower() in caught.value.message_en


def test_unknown_settings_in_the_file_are_refused(tmp_path: Path) -> None:
    write_config(tmp_path, colour="blue")
    with pytest.raises(ConfigError, match="colour"):
        load_settings({"data_dir": tmp_path}, environ={})


def test_a_config_file_that_is_not_an_object_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_settings({"data_dir": tmp_path}, environ={})


def test_unknown_engine_fails_when_services_are_built_naming_the_table(tmp_path: Path) -> None:
    settings = load_settings(
        {"data_dir": tmp_path, "audio_cache_dir": tmp_path / "a", "tts_engine": "festival"},
        environ={},
    )
    with pytest.raises(ConfigError) as caught:
        build_services(settings)
    assert "auto, espeak, gtts" in caught.value.message_en


def test_bad_allowed_host_entry_fails_at_start_up(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        create_app({"data_dir": tmp_path, "allowed_hosts": ["http://x.vn/path"]})


def test_removed_settings_are_unknown() -> None:
    for name in ("demo", "jobs_inline"):
        with pytest.raises(ConfigError):
            load_settings({name: True}, environ={})


def test_article_length_and_job_deadline_come_from_the_environment() -> None:
    environ = {"BAONOI_MAX_ARTICLE_CHARS": "9000", "BAONOI_SYNTH_DEADLINE_S": "60"}
    settings = load_settings({}, environ=environ)
    assert settings.max_article_chars == 9000 and settings.synth_deadline_s == 60
    assert load_settings({}, environ={}).max_article_chars == 60 * 60 * 15  # an hour of eSpeak


def test_piper_settings_come_from_the_environment_and_speed_must_be_positive() -> None:
    settings = load_settings(
        environ={
            "BAONOI_PIPER_MODEL": "/srv/v.onnx",
            "BAONOI_PIPER_SPEAKER": "b",
            "BAONOI_PIPER_SPEED": "1.25",
        }
    )
    assert (settings.piper_model, settings.piper_speaker) == (Path("/srv/v.onnx"), "b")
    assert settings.piper_speed == 1.25 and Settings().piper_model is None
    assert load_settings({"data_dir": "/srv/baonoi"}, environ={}).voices_dir == Path(
        "/srv/baonoi/voices"
    )
    for bad in ("0", "-1", "fast", "inf"):
        with pytest.raises(ConfigError, match="piper_speed"):
            load_settings(environ={"BAONOI_PIPER_SPEED": bad})


def test_public_url_and_trusted_proxies_come_from_the_environment() -> None:
    settings = load_settings(
        environ={
            "BAONOI_PUBLIC_URL": "https://baonoi.example.gov.vn/",
            "BAONOI_TRUSTED_PROXIES": "2",
        }
    )
    assert settings.public_url == "https://baonoi.example.gov.vn"
    assert settings.trusted_proxies == 2


def test_no_public_url_and_no_trusted_proxy_by_default() -> None:
    assert load_settings(environ={}).public_url is None
    assert load_settings(environ={}).trusted_proxies == 0


@pytest.mark.parametrize(
    "value", ["baonoi.example.gov.vn", "ftp://example.gov.vn", "https://", "https://a.vn/?x=1"]
)
def test_a_public_url_that_is_not_plain_http_is_refused(value: str) -> None:
    with pytest.raises(ConfigError):
        load_settings(environ={"BAONOI_PUBLIC_URL": value})


def test_a_negative_count_of_trusted_proxies_is_refused() -> None:
    with pytest.raises(ConfigError):
        load_settings(environ={"BAONOI_TRUSTED_PROXIES": "-1"})


def test_permitted_networks_come_from_the_environment_and_reach_the_fetcher(
    tmp_path: Path,
) -> None:
    settings = load_settings(
        {"data_dir": tmp_path, "tts_engine": "espeak"},
        environ={
            "BAONOI_PERMITTED_NETWORKS": "10.20.0.0/16, 127.0.0.0/8",
            "BAONOI_ALLOWED_HOSTS": "portal.example:8080",
        },
    )
    assert settings.permitted_networks == ("10.20.0.0/16", "127.0.0.0/8")
    services = build_services(settings)
    try:
        assert [str(n) for n in services.fetcher.permitted] == ["10.20.0.0/16", "127.0.0.0/8"]
    finally:
        services.close()


@pytest.mark.parametrize("network", ["10.0.0.1/8", "intranet", "10.0.0.0/33"])
def test_bad_permitted_network_fails_at_start_up(tmp_path: Path, network: str) -> None:
    with pytest.raises(ConfigError) as caught:
        create_app({"data_dir": tmp_path, "permitted_networks": [network]})
    assert "BAONOI_PERMITTED_NETWORKS" in caught.value.message_en


@pytest.mark.parametrize("entry", ["portal.example:0", "portal.example:99999", "x.vn:http"])
def test_bad_port_in_an_allowed_host_entry_fails_at_start_up(tmp_path: Path, entry: str) -> None:
    with pytest.raises(ConfigError):
        create_app({"data_dir": tmp_path, "allowed_hosts": [entry]})


def test_online_voice_settings_and_monthly_budgets_come_from_the_environment() -> None:
    settings = load_settings(
        environ={
            "BAONOI_GCLOUD_API_KEY": "k",
            "BAONOI_GCLOUD_VOICE": "vi-VN-Neural2-A",
            "BAONOI_AZURE_KEY": "a",
            "BAONOI_AZURE_REGION": "eastasia",
            "BAONOI_OPENAI_URL": "http://127.0.0.1:8880",
            "BAONOI_OPENAI_MODEL": "kokoro",
            "BAONOI_GCLOUD_MONTHLY_CHARS": "1000000",
            "BAONOI_AZURE_MONTHLY_CHARS": "500000",
        }
    )
    assert (settings.gcloud_api_key, settings.gcloud_voice) == ("k", "vi-VN-Neural2-A")
    assert (settings.azure_key, settings.azure_region, settings.azure_url) == (
        "a",
        "eastasia",
        None,
    )
    assert (settings.openai_url, settings.openai_model) == ("http://127.0.0.1:8880", "kokoro")
    assert settings.monthly_chars("gcloud") == 1_000_000
    assert settings.monthly_chars("azure") == 500_000 and settings.monthly_chars("openai") == 0
    assert settings.monthly_chars("espeak") == 0
    with pytest.raises(ConfigError, match="gcloud_monthly_chars"):
        load_settings(environ={"BAONOI_GCLOUD_MONTHLY_CHARS": "-5"})


def test_the_listeners_voice_list_comes_from_the_environment_and_is_checked_at_start_up(
    tmp_path: Path,
) -> None:
    from app.speech.engines import parse_voices

    spec = "Giọng nữ miền Bắc=espeak; Giọng máy 2=gtts,espeak"
    assert load_settings(environ={"BAONOI_VOICES": spec}).voices == spec
    assert [(c.id, c.label, c.spec) for c in parse_voices(spec)] == [
        ("giong-nu-mien-bac", "Giọng nữ miền Bắc", "espeak"),
        ("giong-may-2", "Giọng máy 2", "gtts,espeak"),
    ]
    assert parse_voices("") == ()
    with pytest.raises(ConfigError, match="BAONOI_VOICES"):
        parse_voices("espeak")


def test_portal_fetch_pool_settings_come_from_the_environment_and_reach_the_pool(
    tmp_path: Path,
) -> None:
    settings = load_settings(
        {"data_dir": tmp_path, "audio_cache_dir": tmp_path / "a", "tts_engine": "espeak"},
        environ={
            "BAONOI_FETCH_WORKERS": "3",
            "BAONOI_FETCH_PER_HOST": "1",
            "BAONOI_FETCH_WAIT_S": "0.5",
            "BAONOI_FETCH_FAILURE_TTL_S": "30",
        },
    )
    assert (settings.fetch_workers, settings.fetch_per_host) == (3, 1)
    assert (settings.fetch_wait_s, settings.fetch_failure_ttl_s) == (0.5, 30)
    defaults = Settings()
    assert (defaults.fetch_workers, defaults.fetch_per_host, defaults.fetch_failure_ttl_s) == (
        4,
        2,
        60,
    )
    services = build_services(settings)
    try:
        assert (services.fetch_pool.workers, services.fetch_pool.per_host) == (3, 1)
    finally:
        services.close()


@pytest.mark.parametrize("name", ["BAONOI_FETCH_WORKERS", "BAONOI_FETCH_PER_HOST"])
def test_a_fetch_pool_without_threads_fails_at_start_up(tmp_path: Path, name: str) -> None:
    with pytest.raises(ConfigError) as caught:
        create_app({"data_dir": tmp_path, name[7:].lower(): 0})
    assert name in caught.value.message_en


def test_secrets_never_show_in_the_settings_repr() -> None:
    secrets = {
        "BAONOI_API_TOKEN": "tok-secret-1",
        "BAONOI_GCLOUD_API_KEY": "gc-secret-2",
        "BAONOI_AZURE_KEY": "az-secret-3",
        "BAONOI_OPENAI_KEY": "oa-secret-4",
    }
    settings = load_settings(environ=secrets)
    assert (settings.api_token, settings.openai_key) == (
        secrets["BAONOI_API_TOKEN"],
        secrets["BAONOI_OPENAI_KEY"],
    )
    assert not any(secret in repr(settings) for secret in secrets.values())


def test_console_idle_minutes_default_to_30_and_come_from_the_environment() -> None:
    assert Settings().console_idle_minutes == 30
    settings = load_settings(environ={"BAONOI_CONSOLE_IDLE_MINUTES": "5"})
    assert settings.console_idle_minutes == 5
    with pytest.raises(ConfigError, match="console_idle_minutes"):
        load_settings(environ={"BAONOI_CONSOLE_IDLE_MINUTES": "soon"})
