"""The OpenAPI 3.0 description of ``/api`` (checked against the service by schemathesis)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify

bp = Blueprint("openapi", __name__)

_ERROR_CODES = ["400", "401", "403", "404", "413", "415", "422", "429", "503"]


def _ref(name: str) -> dict[str, str]:
    """A reference to a component schema."""
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    """A JSON response with this schema."""
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(*codes: str) -> dict[str, Any]:
    """Bilingual error responses for these status codes."""
    return {code: _json(_ref("Error"), "Lỗi / error") for code in codes}


ARTICLE_ID = {
    "name": "article_id",
    "in": "path",
    "required": True,
    "schema": {
        "type": "string",
        "minLength": 1,
        "maxLength": 100,
        "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]*$",
    },
}

SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error", "message"],
        "properties": {
            "error": {"type": "string"},
            "message": {
                "type": "object",
                "required": ["vi", "en"],
                "properties": {"vi": {"type": "string"}, "en": {"type": "string"}},
            },
        },
    },
    "Audio": {
        "type": "object",
        "required": ["status", "progress", "mp3_url", "opus_url", "duration_s"],
        "properties": {
            "status": {"type": "string", "enum": ["none", "queued", "running", "ready", "failed"]},
            "progress": {"type": "number", "minimum": 0, "maximum": 1},
            "error": {
                "allOf": [_ref("Error")],
                "nullable": True,
                "description": "a failure's code and bilingual message (its detail is logged)",
            },
            "mp3_url": {"type": "string"},
            "opus_url": {"type": "string"},
            "duration_s": {"type": "number", "nullable": True},
            "engine": {"type": "string", "nullable": True},
            "key": {"type": "string", "description": "the audio key (content-addressed)"},
            "live_url": {
                "type": "string",
                "description": "progress while the audio is made: MP3 bytes and timings so far",
            },
        },
    },
    "Article": {
        "type": "object",
        "required": ["id", "version", "title", "reader_url", "audio"],
        "properties": {
            "id": {"type": "string"},
            "version": {"type": "string"},
            "title": {"type": "string"},
            "published": {"type": "string", "format": "date", "nullable": True},
            "author": {"type": "string"},
            "reader_url": {"type": "string"},
            "audio": _ref("Audio"),
        },
    },
    "PortalArticle": {
        "type": "object",
        "required": ["id", "title", "embed_url", "reader_url", "audio"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "embed_url": {"type": "string"},
            "reader_url": {"type": "string"},
            "audio": {
                "type": "object",
                "required": ["status"],
                "properties": {
                    "status": {"type": "string"},
                    "duration_s": {"type": "number", "nullable": True},
                },
            },
        },
    },
    "Pending": {
        "type": "object",
        "required": ["status"],
        "properties": {"status": {"type": "string", "enum": ["pending"]}},
    },
    "IngestRequest": {
        "type": "object",
        "anyOf": [{"required": ["html"]}, {"required": ["url"]}],
        "properties": {
            "html": {"type": "string"},
            "url": {"type": "string"},
            "id": {"type": "string"},
        },
    },
}

SPEC: dict[str, Any] = {
    "openapi": "3.0.3",
    "info": {
        "title": "Báo nói API",
        "version": "1",
        "description": "Ingest Vietnamese article pages and follow their audio.",
    },
    "paths": {
        "/api/articles": {
            "post": {
                "summary": "Ingest a page (HTML body, or JSON with html or an allowed url)",
                "parameters": [
                    {"name": "url", "in": "query", "schema": {"type": "string"}},
                    {"name": "id", "in": "query", "schema": {"type": "string"}},
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "text/html": {"schema": {"type": "string"}},
                        "application/json": {"schema": _ref("IngestRequest")},
                    },
                },
                "responses": {
                    "200": _json(_ref("Article"), "Unchanged version"),
                    "201": _json(_ref("Article"), "New article or version"),
                    **_errors(*_ERROR_CODES),
                },
            }
        },
        "/api/articles/{article_id}": {
            "parameters": [ARTICLE_ID],
            "get": {
                "summary": "An article and its audio job",
                "responses": {
                    "200": _json(_ref("Article"), "The article"),
                    **_errors("404", "503"),
                },
            },
            "delete": {
                "summary": "Remove an article and its audio",
                "responses": {"204": {"description": "Removed"}, **_errors("401", "404", "503")},
            },
        },
        "/api/portal": {
            "get": {
                "summary": "The article at an address on an allowed host, ingested first if new",
                "parameters": [
                    {
                        "name": "url",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "maxLength": 2048},
                    }
                ],
                "responses": {
                    "200": _json(_ref("PortalArticle"), "The article and where its player is"),
                    "202": {
                        **_json(
                            _ref("Pending"),
                            "A new address being fetched: ask again after Retry-After seconds",
                        ),
                        "headers": {
                            "Retry-After": {
                                "required": True,
                                "schema": {"type": "integer", "minimum": 1},
                            }
                        },
                    },
                    **_errors("400", "403", "413", "415", "422", "429", "503"),
                },
            }
        },
    },
    "components": {"schemas": SCHEMAS},
}


@bp.get("/api/openapi.json")
def openapi() -> Response:
    """The API description."""
    return jsonify(SPEC)
