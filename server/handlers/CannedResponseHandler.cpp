#include "handlers/CannedResponseHandler.h"

#include "domain/CannedPlaceholders.h"
#include "storage/AuditLog.h"
#include "storage/CannedResponseRepository.h"
#include "storage/DatabasePool.h"

#include <algorithm>
#include <pqxx/pqxx>

namespace caredesk::server {

namespace {

using domain::Role;
using protocol::ErrorCode;

[[noreturn]] void refuse(ErrorCode code, std::string message, std::string field) {
    throw RequestError{{code, std::move(message), std::move(field), std::nullopt}};
}

// Unicode code points of valid UTF-8 (the JSON parser admitted only that):
// every byte but the continuation bytes starts one.
std::size_t characterCount(std::string_view utf8) {
    return static_cast<std::size_t>(std::count_if(utf8.begin(), utf8.end(), [](char c) {
        return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }));
}

bool isBlank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    });
}

protocol::CannedResponse responseFrom(const CannedResponseRecord &record) {
    return {record.id, record.shortcut, record.title, record.body, record.version};
}

nlohmann::json auditJson(const CannedResponseRecord &record) {
    return {{"shortcut", record.shortcut},
            {"title", record.title},
            {"body", record.body},
            {"version", record.version}};
}

// The values of a save, checked whole; refuses with the first problem found.
CannedResponseRecord valuesOf(const protocol::SaveCannedResponse &save) {
    if (isBlank(save.title))
        refuse(ErrorCode::OutOfRange, "a title needs more than spaces", "body.title");
    if (const auto characters = characterCount(save.body);
        characters > protocol::kMaxChatCharacters)
        refuse(ErrorCode::OutOfRange,
               "the text is " + std::to_string(characters) + " characters long; at most " +
                   std::to_string(protocol::kMaxChatCharacters) + " fit in a chat message",
               "body.body");
    if (isBlank(save.body))
        refuse(ErrorCode::OutOfRange, "the text needs more than spaces", "body.body");
    if (auto problem = domain::validateCannedPlaceholders(save.body))
        refuse(ErrorCode::OutOfRange, std::move(*problem), "body.body");
    CannedResponseRecord values;
    values.id = save.id.value_or(0);
    values.shortcut = save.shortcut;
    values.title = save.title;
    values.body = save.body;
    return values;
}

[[noreturn]] void refuseTakenShortcut(pqxx::work &tx, const std::string &shortcut) {
    const auto title = CannedResponseRepository::titleOfShortcut(tx, shortcut);
    refuse(ErrorCode::Conflict,
           "/" + shortcut + " is already the shortcut of " +
               (title ? "\"" + *title + "\"" : std::string("another canned response")) +
               "; choose another shortcut",
           "body.shortcut");
}

// The response, locked, at the version the admin read.
CannedResponseRecord lockAtVersion(pqxx::work &tx, std::int64_t id, std::int64_t expectedVersion) {
    auto current = CannedResponseRepository::lock(tx, id);
    if (!current)
        refuse(ErrorCode::NotFound,
               "canned response " + std::to_string(id) +
                   " does not exist (it may have been deleted); reload the list",
               "body.id");
    if (current->version != expectedVersion)
        refuse(ErrorCode::Conflict,
               "/" + current->shortcut + " was changed since you opened it (version " +
                   std::to_string(current->version) + " now, you read version " +
                   std::to_string(expectedVersion) + "); reload it and make your change again",
               "body.expectedVersion");
    return std::move(*current);
}

void audit(pqxx::work &tx, Request &request, const char *action, std::int64_t id,
           const std::optional<CannedResponseRecord> &before,
           const std::optional<CannedResponseRecord> &after) {
    AuditEvent event;
    event.actorKind = AuditEvent::Actor::Caregiver;
    event.actorId = request.identity().caregiver.id;
    event.action = action;
    event.subjectType = "canned_response";
    event.subjectId = std::to_string(id);
    event.clientAddress = request.connection().remoteAddress();
    event.detail = {{"before", before ? auditJson(*before) : nlohmann::json()},
                    {"after", after ? auditJson(*after) : nlohmann::json()}};
    AuditLog::append(tx, event);
}

void saveResponse(pqxx::work &tx, Request &request, const protocol::SaveCannedResponse &message) {
    const auto values = valuesOf(message);
    const auto caregiverId = request.identity().caregiver.id;
    std::optional<CannedResponseRecord> before;
    std::optional<CannedResponseRecord> saved;
    if (!message.id) {
        if (message.expectedVersion != 0)
            refuse(ErrorCode::OutOfRange, "a new canned response has no version yet: send 0",
                   "body.expectedVersion");
        saved = CannedResponseRepository::insert(tx, values, caregiverId);
    } else {
        before = lockAtVersion(tx, *message.id, message.expectedVersion);
        saved = CannedResponseRepository::replace(tx, values, caregiverId);
    }
    if (!saved)
        refuseTakenShortcut(tx, values.shortcut);
    audit(tx, request, "canned_response.saved", saved->id, before, saved);
    request.stageReply(protocol::CannedResponses{{responseFrom(*saved)}});
}

void deleteResponse(pqxx::work &tx, Request &request,
                    const protocol::DeleteCannedResponse &message) {
    const auto before = lockAtVersion(tx, message.id, message.expectedVersion);
    CannedResponseRepository::remove(tx, message.id);
    audit(tx, request, "canned_response.deleted", message.id, before, std::nullopt);
    request.stageReply(protocol::Ok{});
}

} // namespace

void CannedResponseHandler::registerRoutes(RouteTable &routes) {
    routes.authenticated<protocol::ListCannedResponses>(
        {}, [](pqxx::work &tx, Request &request, const protocol::ListCannedResponses &) {
            protocol::CannedResponses list;
            for (const auto &record : CannedResponseRepository::all(tx))
                list.responses.push_back(responseFrom(record));
            request.stageReply(list);
        });
    routes.authenticated<protocol::SaveCannedResponse>({Role::Admin}, saveResponse);
    routes.authenticated<protocol::DeleteCannedResponse>({Role::Admin}, deleteResponse);
}

} // namespace caredesk::server
