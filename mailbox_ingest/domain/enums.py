"""Every status, kind and reason used across the pipeline, as string enums.

Values are the strings stored in the database and printed in exports, so they are part of the
operator interface: add members, never rename them.
"""

from __future__ import annotations

from enum import StrEnum


class Classification(StrEnum):
    """What an inbound mail turned out to be."""

    CONTRACT = "contract"
    TERMINATION = "termination"
    AUTO_REPLY = "auto_reply"
    BOUNCE = "bounce"
    BULK = "bulk"
    DUPLICATE = "duplicate"
    OTHER = "other"
    QUARANTINED = "quarantined"


class MessageState(StrEnum):
    """Where an inbound message is in its life."""

    RECEIVED = "received"  # raw bytes stored, not yet processed
    PROCESSED = "processed"  # classified and stored, mailbox move may still be pending
    DONE = "done"  # moved out of the inbox
    QUARANTINED = "quarantined"


class QuarantineReason(StrEnum):
    """Why a message was set aside for a person instead of processed."""

    TOO_LARGE = "too_large"
    TOO_MANY_ATTACHMENTS = "too_many_attachments"
    ATTACHMENT_TOO_LARGE = "attachment_too_large"
    NESTING_TOO_DEEP = "nesting_too_deep"
    DECOMPRESSION_LIMIT = "decompression_limit"
    MALFORMED_MIME = "malformed_mime"
    UNREADABLE_DOCUMENT = "unreadable_document"
    ENCRYPTED_DOCUMENT = "encrypted_document"
    PROCESSING_ERROR = "processing_error"
    TOO_MANY_PAGES = "too_many_pages"
    TOO_MANY_PARTS = "too_many_parts"
    READER_CRASHED = "reader_crashed"  # the child process reading a document died on it
    READER_TIMEOUT = "reader_timeout"  # reading a document overran its wall-clock limit
    READER_MEMORY = "reader_memory"  # reading a document hit the child's memory cap
    OCR_BUDGET = "ocr_budget"  # the mail's documents took longer than its reading budget
    DAEMON_INTERRUPTED = "daemon_interrupted"  # the daemon died this often while processing


class Regime(StrEnum):
    """The legal regime in force on the date a mail was received."""

    MAATWERK = "maatwerk"
    LEGACY = "legacy"


class OrganisationKind(StrEnum):
    """Kind of a workplace or counterpart organisation."""

    REGULAR_COMPANY = "regular_company"
    MAATWERKBEDRIJF = "maatwerkbedrijf"
    BESCHUTTE_WERKPLAATS = "beschutte_werkplaats"
    SOCIALE_WERKPLAATS = "sociale_werkplaats"
    FLEMISH_GOVERNMENT = "flemish_government"
    OTHER_PUBLIC = "other_public"
    NONPROFIT = "nonprofit"
    UNKNOWN = "unknown"


WORKPLACE_KINDS = frozenset(
    {
        OrganisationKind.MAATWERKBEDRIJF,
        OrganisationKind.BESCHUTTE_WERKPLAATS,
        OrganisationKind.SOCIALE_WERKPLAATS,
    }
)


class ContractStatus(StrEnum):
    """Review status of a contract."""

    NEEDS_REVIEW = "needs_review"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ResponseKind(StrEnum):
    """How a contract is answered."""

    EMAIL_ACKNOWLEDGEMENT = "email_acknowledgement"
    LETTER = "letter"
    NONE = "none"


class ResponseState(StrEnum):
    """State of the answer to a contract."""

    QUEUED = "queued"  # in the outbox, to be sent by the outbox job
    SENT = "sent"
    HELD = "held"  # waits for staff (unverified sender, daily limit, ...)
    PENDING = "pending"  # letter waiting for the staff decision
    READY = "ready"  # letter rendered, to print and post
    FAILED = "failed"  # gave up after the retries
    SUPPRESSED = "suppressed"  # deliberately never answered (automatic mail, duplicate)
    NONE = "none"  # not decided yet (a contract between persist and answer)


class ReviewReason(StrEnum):
    """Why a contract went to review instead of straight through."""

    FIELD_MISSING = "field_missing"
    FIELD_UNSURE = "field_unsure"
    BAD_CHECK_DIGITS = "bad_check_digits"
    SENDER_NOT_WORKPLACE = "sender_not_workplace"
    SENDER_NOT_AUTHENTICATED = "sender_not_authenticated"
    SENDER_DOMAIN_MISMATCH = "sender_domain_mismatch"
    SAME_ENTITY = "same_entity"
    LATE_NOTIFICATION = "late_notification"
    UNKNOWN_WORKPLACE = "unknown_workplace"
    LEGACY_DECISION = "legacy_decision"  # the old regime needs a staff decision and a letter
    MISSING_WORK_LOCATION = "missing_work_location"
    MISSING_NATURE_OF_WORK = "missing_nature_of_work"
    MISSING_PARTY = "missing_party"  # the workplace's or the counterpart's name
    MISSING_START_DATE = "missing_start_date"
    MISSING_WORKERS = "missing_workers"
    NOT_EXTRACTED = "not_extracted"  # a contract-like document that yielded no usable contract


class RefusalReason(StrEnum):
    """Reasons staff pick from when refusing a contract."""

    NOT_CORE_ACTIVITY = "not_core_activity"
    NO_PERMANENT_SUPERVISION = "no_permanent_supervision"
    SENDER_NOT_WORKPLACE = "sender_not_workplace"
    SAME_LEGAL_ENTITY = "same_legal_entity"
    NO_WRITTEN_AGREEMENT = "no_written_agreement"
    LATE_NOTIFICATION = "late_notification"
    OTHER = "other"


class SuppressReason(StrEnum):
    """Why no automatic answer was sent."""

    AUTOMATIC_MAIL = "automatic_mail"
    DUPLICATE = "duplicate"
    UNVERIFIED_SENDER = "unverified_sender"
    DAILY_LIMIT = "daily_limit"
    NO_REPLY_ADDRESS = "no_reply_address"
    HISTORY_IMPORT = "history_import"  # imported from an archive of past years


class DocOutcome(StrEnum):
    """What came of one attachment or archive member (`Attachment.outcome` adds a detail)."""

    SKIPPED = "skipped"  # not looked at (reading stopped at a fatal document)
    IGNORED = "ignored"  # not a document (a logo, a signature image...)
    CONTAINER = "container"  # a zip or winmail.dat; its members follow
    CONTRACT = "contract"
    NO_CONTRACT = "no_contract"
    UNREADABLE = "unreadable"


class OutboxKind(StrEnum):
    """What an outgoing automatic e-mail is."""

    ACKNOWLEDGEMENT = "acknowledgement"


class OutboxState(StrEnum):
    """State of one outgoing automatic e-mail."""

    QUEUED = "queued"
    SENDING = "sending"  # claimed by a sender; a crash here is reconciled on restart
    SENT = "sent"
    FAILED = "failed"
    UNCERTAIN = "uncertain"  # the process died mid-send and delivery cannot be proven
    HELD = "held"  # waits for staff


class LetterState(StrEnum):
    """State of a letter for the old regime."""

    PENDING = "pending"  # waiting for the staff decision
    READY = "ready"  # rendered, to print, sign and post
    POSTED = "posted"


class ProposalState(StrEnum):
    """State of a termination proposal waiting for staff."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class TerminationProposalReason(StrEnum):
    """Why a termination notice became a proposal instead of ending the contract."""

    SENDER_UNVERIFIED = "sender_unverified"  # no aligned pass from our mail server
    SENDER_NOT_WORKPLACE = "sender_not_workplace"  # the domain is no registered workplace's
    NOT_OWN_CONTRACT = "not_own_contract"  # a verified workplace naming another's contract
    DATE_MISSING = "date_missing"  # the notice gives no date to end the contract on


class JournalEvent(StrEnum):
    """An entry of the send journal (one attempt: begin, then done or refused)."""

    BEGIN = "begin"  # written and committed before DATA: from here the mail may be out
    DONE = "done"  # the server answered 250 to the data
    REFUSED = "refused"  # the server answered the data with a 4xx/5xx: surely not delivered


class Province(StrEnum):
    """Where a contract's work takes place: a province, or the Brussels region."""

    ANTWERPEN = "antwerpen"
    LIMBURG = "limburg"
    OOST_VLAANDEREN = "oost_vlaanderen"
    VLAAMS_BRABANT = "vlaams_brabant"
    WEST_VLAANDEREN = "west_vlaanderen"
    BRUSSELS = "brussels"
    BRABANT_WALLON = "brabant_wallon"
    HAINAUT = "hainaut"
    LIEGE = "liege"
    LUXEMBOURG = "luxembourg"
    NAMUR = "namur"
    UNKNOWN = "unknown"


class ReportFormat(StrEnum):
    """Formats of the yearly report."""

    MD = "md"
    JSON = "json"
    XLSX = "xlsx"
    PDF = "pdf"


class UserRole(StrEnum):
    """Role of a staff account of the web UI."""

    REVIEWER = "reviewer"
    ADMIN = "admin"


class AuditAction(StrEnum):
    """What a staff member (or the system) did, as written in the audit trail."""

    ACCEPT = "accept"
    REFUSE = "refuse"
    RELEASE_ANSWER = "release_answer"
    MARK_SENT = "mark_sent"
    POSTPONE = "postpone"
    CORRECT_FIELD = "correct_field"
    CONFIRM_FIELD = "confirm_field"
    UNDO_DECISION = "undo_decision"
    LETTER_POSTED = "letter_posted"
    END_DATE = "end_date"
    NOT_A_CONTRACT = "not_a_contract"
    RETRY_MESSAGE = "retry_message"
    USER_SAVED = "user_saved"
    ORGANISATION_SAVED = "organisation_saved"
    REGISTRY_IMPORTED = "registry_imported"


class FieldState(StrEnum):
    """How a field of a contract looks to a reviewer (the colour of its evidence box)."""

    NEEDS_LOOK = "needs_look"  # missing, or below the confidence threshold
    CHECKED = "checked"  # confident, or confirmed/corrected by staff
    FAILED = "failed"  # a rule failed on it (check digits, same entity, late notice...)


class QueueTab(StrEnum):
    """The tabs of the review queue."""

    TO_REVIEW = "to_review"
    POSTPONED = "postponed"
    ACCEPTED = "accepted"
    REFUSED = "refused"


class Dependency(StrEnum):
    """A server the daemon needs; each is a line of the readiness report."""

    DATABASE = "database"
    MAILBOX = "mailbox"
    SMTP = "smtp"
