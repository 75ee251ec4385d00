#pragma once

#include "protocol/Messages.h"
#include "storage/PqxxFwd.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace caredesk::server {

struct AuditEvent {
    enum class Actor { Caregiver, Patient, System };
    Actor actorKind = Actor::System;
    std::optional<std::int64_t> actorId;
    std::string action;      // e.g. "auth.login", "visit.read"
    std::string subjectType; // e.g. "caregiver", "visit"
    std::string subjectId;
    std::string clientAddress;
    nlohmann::json detail = nlohmann::json::object();
};

// The append-only audit trail (the table refuses UPDATE and DELETE). Written in
// the same transaction as the change it describes, so the two commit together.
class AuditLog {
public:
    static void append(pqxx::transaction_base &tx, const AuditEvent &event);
    // The events matching every filter set, newest first (one page; `more`
    // when older ones match too). Fields longer than the protocol carries are
    // cut; a detail too long for it reads {"truncated": true}.
    static protocol::AuditEvents list(pqxx::transaction_base &tx,
                                      const protocol::ListAuditEvents &filter);
};

} // namespace caredesk::server
