#pragma once

#include <optional>
#include <string_view>

namespace caredesk::protocol {

// Append-only, like the message list: clients switch on these wire names.
#define CAREDESK_ERROR_CODES(X)                                                                    \
    X(InvalidJson, "invalid_json")                /* frame is not JSON */                          \
    X(InvalidEnvelope, "invalid_envelope")        /* JSON, but not {type, id?, seq?, body} */      \
    X(UnknownType, "unknown_type")                /* type not in the message list */               \
    X(MissingField, "missing_field")              /* a required field is absent */                 \
    X(WrongType, "wrong_type")                    /* a field has the wrong JSON type */            \
    X(OutOfRange, "out_of_range")                 /* a value is outside its allowed range */       \
    X(TooLarge, "too_large")                      /* frame larger than the protocol maximum */     \
    X(BinaryNotSupported, "binary_not_supported") /* binary frame; the protocol is text */         \
    X(UnsupportedVersion, "unsupported_version")  /* hello with a version we cannot speak */       \
    X(HandshakeRequired, "handshake_required")    /* a message before hello */                     \
    X(NotAuthenticated, "not_authenticated")      /* needs login first */                          \
    X(Forbidden, "forbidden")                     /* your roles do not allow this */               \
    X(InvalidCredentials, "invalid_credentials")  /* wrong user or password (never says which) */  \
    X(Throttled, "throttled")                     /* too many attempts; see retryAfterSeconds */   \
    X(SessionExpired, "session_expired")          /* token unknown, revoked or expired */          \
    X(PasswordRejected, "password_rejected")      /* new password does not meet the policy */      \
    X(NotAllowedHere, "not_allowed_here")         /* a server-only message sent by a client */     \
    X(Overloaded, "overloaded")                   /* too many requests in flight; retry later */   \
    X(Unavailable, "unavailable")                 /* database unreachable; safe to retry */        \
    X(Internal, "internal")                       /* a bug on our side; logged with the request */ \
    X(NotFound, "not_found")                      /* no such visit, caregiver, ... */              \
    X(InvalidTransition, "invalid_transition")    /* the visit's status does not allow this */     \
    X(NotLicensed, "not_licensed")                /* no license in force for the visit's state */  \
    X(NotAProvider, "not_a_provider")             /* inactive, or no provider role */              \
    X(ProviderUnavailable, "provider_unavailable") /* the provider is not marked available */      \
    X(Conflict, "conflict") /* changed by someone else since you read it: reload, then retry */

enum class ErrorCode {
#define CAREDESK_X(enumerator, name) enumerator,
    CAREDESK_ERROR_CODES(CAREDESK_X)
#undef CAREDESK_X
};

std::string_view errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(std::string_view name);

} // namespace caredesk::protocol
