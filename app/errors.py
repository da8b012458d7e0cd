"""The one exception tree of Báo nói.

Every error we raise on purpose is a ``BaonoiError``; each carries a stable ``code``, an HTTP
``status`` and a message in Vietnamese and English. ``app/web/errors.py`` is the one place that
turns them into responses; the CLI prints ``message_en`` (and ``message_vi``) and exits 1.

    BaonoiError
    ├── ConfigError                 bad configuration (unknown engine, bad value)      500
    ├── InputError                  the client sent something we cannot use            400
    │   ├── PayloadTooLarge         body or page over the size limit                   413
    │   ├── UnsupportedMediaType    wrong content type                                 415
    │   ├── TruncatedBody           a body that ends before its length or its gzip stream  400
    │   ├── DecodeError             bytes that are not text in any charset we accept   422
    │   └── NoArticleFound          a page with no article in it                       422
    ├── FetchError                  a URL we will not or could not fetch               400
    │   ├── HostNotAllowed          host outside BAONOI_ALLOWED_HOSTS                  403
    │   └── FeedError               a feed we will not read (DTD, entities, too big)   422
    ├── NotFound                    no such article or audio                           404
    ├── Unauthorized                missing or wrong API token                         401
    │   └── SignInFailed            wrong console name or password                     401
    ├── Forbidden                   the signed-in account's role may not do this       403
    ├── CsrfRefused                 a console form without its valid csrf_token        400
    ├── SignInLocked                too many wrong passwords for a name or client      429
    ├── RateLimited                 this client asked too often; retry later           429
    ├── Busy                        someone else is making this audio; retry later     503
    │   ├── FetchesBusy             too many pages in line to be fetched; retry later   503
    │   └── JobsBusy                too many listener jobs waiting (this client, or all) 503
    ├── StoreUnavailable            Redis (or the local store) cannot be reached       503
    ├── SynthesisError              the speech engine failed                           502
    │   ├── EngineUnavailable       the engine cannot be reached or loaded             503
    │   └── DeadlinePassed          the job ran past BAONOI_SYNTH_DEADLINE_S           504
    └── StorageFull                 no space left for audio                            507
"""

from __future__ import annotations


class BaonoiError(Exception):
    """Base of every error Báo nói raises on purpose."""

    code = "error"
    status = 500
    message_vi = "Đã xảy ra lỗi."
    message_en = "Something went wrong."
    retry_after: int | None = None
    reason = ""  # which rule refused (``app.fetch.rules.REFUSALS``' key), when one did

    def __init__(self, en: str | None = None, vi: str | None = None, *, detail: str = "") -> None:
        if en is not None:
            self.message_en = en
        if vi is not None:
            self.message_vi = vi
        self.detail = detail
        super().__init__(self.message_en + (f" ({detail})" if detail else ""))

    def to_dict(self) -> dict[str, object]:
        """The error as the contract's JSON body."""
        return {"error": self.code, "message": {"vi": self.message_vi, "en": self.message_en}}


def error_for(code: str, detail: str = "") -> BaonoiError:
    """The error of the class whose ``code`` this is (a stored failure, raised again)."""
    pending: list[type[BaonoiError]] = [BaonoiError]
    while pending:
        kind = pending.pop()
        if kind.code == code:
            return kind(detail=detail)
        pending += kind.__subclasses__()
    return SynthesisError(detail=detail)


class ConfigError(BaonoiError):
    """The configuration holds a value we cannot use."""

    code = "config_error"
    message_vi = "Cấu hình không hợp lệ."
    message_en = "Invalid configuration."


class InputError(BaonoiError):
    """The client sent something we cannot use."""

    code = "bad_input"
    status = 400
    message_vi = "Dữ liệu gửi lên không hợp lệ."
    message_en = "The input is not valid."


class PayloadTooLarge(InputError):
    """The body or page is over the size limit."""

    code = "payload_too_large"
    status = 413
    message_vi = "Nội dung quá lớn."
    message_en = "The content is too large."


class UnsupportedMediaType(InputError):
    """The content type is not one we accept."""

    code = "unsupported_media_type"
    status = 415
    message_vi = "Kiểu nội dung không được hỗ trợ."
    message_en = "Unsupported content type."


class TruncatedBody(InputError):
    """The body ends before its declared length, or its gzip stream is cut short."""

    code = "truncated_body"
    status = 400
    message_vi = "Nội dung gửi lên bị cắt cụt (thiếu phần cuối)."
    message_en = "The body is truncated (its end is missing)."


class DecodeError(InputError):
    """The bytes are not text in any charset we accept."""

    code = "undecodable"
    status = 422
    message_vi = "Không giải mã được nội dung trang (bảng mã không hợp lệ)."
    message_en = "The page's bytes could not be decoded as text."


class NoArticleFound(InputError):
    """The page holds no article."""

    code = "no_article"
    status = 422
    message_vi = "Không tìm thấy bài viết trong trang."
    message_en = "No article was found in the page."


class FetchError(BaonoiError):
    """A URL we will not or could not fetch."""

    code = "fetch_failed"
    status = 400
    message_vi = "Không tải được địa chỉ này."
    message_en = "The URL could not be fetched."


class HostNotAllowed(FetchError):
    """The URL's host is outside the allow-list."""

    code = "host_not_allowed"
    status = 403
    message_vi = "Tên miền này không nằm trong danh sách được phép."
    message_en = "This host is not on the allowed list."


class FeedError(FetchError):
    """A feed we will not read: not RSS, Atom or a sitemap, a DTD or entities, too many items."""

    code = "bad_feed"
    status = 422
    message_vi = "Không đọc được nguồn tin (RSS, Atom hoặc sitemap) này."
    message_en = "This feed (RSS, Atom or sitemap) cannot be read."


class NotFound(BaonoiError):
    """No such article or audio."""

    code = "not_found"
    status = 404
    message_vi = "Không tìm thấy."
    message_en = "Not found."


class Unauthorized(BaonoiError):
    """Missing or wrong API token."""

    code = "unauthorized"
    status = 401
    message_vi = "Thiếu hoặc sai mã truy cập."
    message_en = "Missing or wrong API token."


class SignInFailed(Unauthorized):
    """A console sign-in with a wrong name or password (which of the two is never said)."""

    code = "sign_in_failed"
    message_vi = "Sai tên đăng nhập hoặc mật khẩu."
    message_en = "Wrong user name or password."


class Forbidden(BaonoiError):
    """The signed-in account's role may not do this."""

    code = "forbidden"
    status = 403
    message_vi = "Tài khoản của bạn không có quyền làm việc này (cần quyền quản trị)."
    message_en = "Your account may not do this (an administrator's role is needed)."


class CsrfRefused(BaonoiError):
    """A console form sent without its valid ``csrf_token`` (or after the session ended)."""

    code = "csrf_failed"
    status = 400
    message_vi = "Biểu mẫu thiếu mã bảo vệ hoặc mã đã hết hạn. Hãy tải lại trang và gửi lại."
    message_en = "The form's protection token is missing or has expired. Reload the page and retry."


class RefererRefused(CsrfRefused):
    """Over https, a console form sent with no ``Referer``, or one from another site."""

    code = "csrf_referer"
    message_vi = (
        "Trình duyệt không gửi địa chỉ trang gửi biểu mẫu (Referer), hoặc biểu mẫu đến từ trang"
        " khác. Hãy cho phép Referer với địa chỉ Báo nói này, tải lại trang và gửi lại."
    )
    message_en = (
        "The browser sent no Referer, or the form came from another site. Allow the Referer"
        " header for this Báo nói address, reload the page and retry."
    )


class SignInLocked(BaonoiError):
    """Too many wrong passwords for this name or from this client: sign-in refused for a while."""

    code = "sign_in_locked"
    status = 429
    message_vi = (
        "Đăng nhập tạm thời bị khóa vì nhập sai mật khẩu quá nhiều lần. Hãy thử lại sau 15 phút."
    )
    message_en = "Sign-in is locked after too many wrong passwords. Retry in 15 minutes."
    retry_after = 900


class RateLimited(BaonoiError):
    """This client sent too many requests of one kind; retry later."""

    code = "rate_limited"
    status = 429
    message_vi = "Bạn gửi quá nhiều yêu cầu, vui lòng thử lại sau ít phút."
    message_en = "Too many requests; please retry in a minute."
    retry_after = 60


class Busy(BaonoiError):
    """The audio is being made by someone else; try again shortly."""

    code = "busy"
    status = 503
    message_vi = "Âm thanh đang được tạo, vui lòng thử lại sau ít giây."
    message_en = "The audio is being made; please retry in a few seconds."
    retry_after = 5


class FetchesBusy(Busy):
    """Too many pages are waiting to be fetched; try again shortly."""

    code = "fetches_busy"
    message_vi = "Đang tải quá nhiều trang, vui lòng thử lại sau ít giây."
    message_en = "Too many pages are being fetched; please retry in a few seconds."


class JobsBusy(Busy):
    """This client (or every listener together) has too many audio jobs waiting to start."""

    code = "jobs_busy"
    message_vi = "Có quá nhiều bài đang chờ đọc, vui lòng thử lại sau ít giây."
    message_en = "Too many articles are waiting to be read aloud; please retry in a few seconds."


class StreamsBusy(Busy):
    """Every place for a growing MP3 stream is taken; the player reads it by Range instead."""

    code = "streams_busy"
    message_vi = "Đang phát trực tiếp cho quá nhiều người, vui lòng thử lại sau một giây."
    message_en = "Too many live streams at once; please retry in a second."
    retry_after = 1


class StoreUnavailable(BaonoiError):
    """The store (Redis) cannot be reached."""

    code = "store_unavailable"
    status = 503
    message_vi = "Kho dữ liệu tạm thời không truy cập được."
    message_en = "The data store is temporarily unavailable."
    retry_after = 10


class SynthesisError(BaonoiError):
    """The speech engine failed."""

    code = "synthesis_failed"
    status = 502
    message_vi = "Không tạo được âm thanh."
    message_en = "Speech synthesis failed."
    billed = True  # a paid vendor may have charged for it (False: refused before any audio)


class EngineUnavailable(SynthesisError):
    """The speech engine cannot be reached or loaded."""

    code = "engine_unavailable"
    status = 503
    message_vi = "Bộ đọc tạm thời không dùng được."
    message_en = "The speech engine is unavailable."
    retry_after = 30


class DeadlinePassed(SynthesisError):
    """The synthesis job ran past its deadline; nothing it made is kept."""

    code = "deadline_passed"
    status = 504
    message_vi = "Tạo âm thanh quá thời gian cho phép."
    message_en = "Making the audio took longer than allowed."


class StorageFull(BaonoiError):
    """No space left to store audio."""

    code = "storage_full"
    status = 507
    message_vi = "Hết dung lượng lưu trữ âm thanh."
    message_en = "No space left to store audio."
