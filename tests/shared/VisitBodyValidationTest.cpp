#include "ProtocolTestSupport.h"
#include "domain/StateStatus.h"
#include "domain/VisitStatus.h"
#include "protocol/Messages.h"

#include <QObject>
#include <QTest>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace caredesk::protocol;
using caredesk::test::qs;
namespace domain = caredesk::domain;

namespace {

// A value that means "take the field out" in the rows below (not JSON).
const QByteArray kRemove = "(absent)";

const QByteArray kStateQueue =
    R"({"code":"WA","name":"Washington","timeZone":"America/Los_Angeles","status":"open",)"
    R"("manualStatus":"open","waiting":2,"longestWaitSeconds":60,"providersLicensed":3,)"
    R"("providersOnShift":2,"providersAvailable":1,"providersInVisit":1})";
const QByteArray kProviderStatus =
    R"({"id":7,"displayName":"Dr. Lin Chen","status":"in_visit","states":["WA"],"onShift":true})";
const QByteArray kQueueVisit =
    R"({"id":1,"state":"WA","status":"waiting","priority":0,"firstName":"Ada",)"
    R"("lastName":"Lovelace","dateOfBirth":"1990-12-10","reason":"Cough",)"
    R"("requestedAt":1700000000000,"position":1})";
const QByteArray kPatientVisit = R"({"visitId":1,"state":"WA","status":"waiting","position":1,)"
                                 R"("estimatedWaitSeconds":0,"stateStatus":"open"})";
const QByteArray kToken = '"' + QByteArray(43, 't') + '"';

// One valid body per type; each row changes one field of it.
std::map<QString, QByteArray> baseBodies() {
    return {
        {"state_list", R"({"states":[{"code":"WA","name":"Washington","status":"open"}]})"},
        {"visit_request", R"({"state":"WA","firstName":"Ada","lastName":"Lovelace",)"
                          R"("dateOfBirth":"1990-12-10","reason":"Cough",)"
                          R"("contact":"ada@example.org","consent":true})"},
        {"visit_accepted", R"({"token":)" + kToken + R"(,"visit":)" + kPatientVisit + "}"},
        {"intake_refused", R"({"reason":"closed","message":"Closed now",)"
                           R"("nextOpenAt":1700000000000})"},
        {"visit_resume", R"({"token":)" + kToken + "}"},
        {"visit_status", R"({"visit":)" + kPatientVisit + "}"},
        {"queue_snapshot", R"({"seq":0,"states":[)" + kStateQueue + R"(],"visits":[)" +
                               kQueueVisit + "," + kQueueVisit + R"(],"providers":[)" +
                               kProviderStatus + "]}"},
        {"queue_delta", R"({"seq":1,"states":[],"visits":[)" + kQueueVisit +
                            R"(],"removedVisitIds":[2],"removedStates":[],"providers":[)" +
                            kProviderStatus + R"(],"removedProviderIds":[]})"},
        {"set_state_status", R"({"state":"WA","status":"busy"})"},
        {"visit_assigned", R"({"visit":)" + kQueueVisit + "}"},
        {"assign_visit", R"({"visitId":1,"providerId":2})"},
        {"set_visit_priority", R"({"visitId":1,"priority":5})"},
        {"remove_visit", R"({"visitId":1,"reason":"duplicate"})"},
        {"advance_visit", R"({"visitId":1,"status":"in_visit","note":""})"},
        {"set_availability", R"({"status":"offline"})"},
        {"set_shift", R"({"startsAt":1700000000000,"endsAt":1700028800000})"},
    };
}

QByteArray text(int bytes) {
    return '"' + QByteArray(bytes, 'x') + '"';
}

QByteArray repeated(const QByteArray &item, int count) {
    QByteArray list = "[";
    for (int i = 0; i < count; ++i)
        list += (i ? "," : "") + item;
    return list + "]";
}

nlohmann::json parse(const QByteArray &json) {
    return nlohmann::json::parse(json.constData(), json.constData() + json.size(), nullptr, false);
}

// The base body of type with the field at pointer set to value (JSON text),
// or removed for kRemove.
nlohmann::json changed(const QString &type, const QString &pointer, const QByteArray &value) {
    auto body = parse(baseBodies().at(type));
    const nlohmann::json::json_pointer at(pointer.toStdString());
    if (value == kRemove)
        body[at.parent_pointer()].erase(at.back());
    else
        body[at] = parse(value);
    return body;
}

std::optional<Error> validate(const QString &type, const nlohmann::json &body) {
    const auto messageType = messageTypeFromName(type.toStdString());
    if (!messageType)
        return Error{ErrorCode::UnknownType, "no such type in this test", "", std::nullopt};
    return validateBody(*messageType, body);
}

} // namespace

class VisitBodyValidationTest : public QObject {
    Q_OBJECT

private slots:
    void baseBodiesAreValid() {
        for (const auto &[type, body] : baseBodies()) {
            const auto json = parse(body);
            QVERIFY2(json.is_object(), body.constData());
            const auto error = validate(type, json);
            QVERIFY2(!error, qPrintable(type + ": " + (error ? qs(error->message) : QString())));
        }
    }

    void rejects_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        const auto row = [](const char *name, const char *type, const char *pointer,
                            const QByteArray &value, const char *code, const char *field) {
            QTest::newRow(name) << type << pointer << value << code << field;
        };

        // missing_field
        row("no consent", "visit_request", "/consent", kRemove, "missing_field", "body.consent");
        row("no state", "visit_request", "/state", kRemove, "missing_field", "body.state");
        row("no removal reason", "remove_visit", "/reason", kRemove, "missing_field",
            "body.reason");
        row("no visit", "visit_status", "/visit", kRemove, "missing_field", "body.visit");
        row("no stateStatus", "visit_status", "/visit/stateStatus", kRemove, "missing_field",
            "body.visit.stateStatus");
        row("no removedVisitIds", "queue_delta", "/removedVisitIds", kRemove, "missing_field",
            "body.removedVisitIds");
        row("no requestedAt", "queue_snapshot", "/visits/1/requestedAt", kRemove, "missing_field",
            "body.visits[1].requestedAt");
        row("no seq", "queue_snapshot", "/seq", kRemove, "missing_field", "body.seq");
        row("no status", "set_availability", "/status", kRemove, "missing_field", "body.status");
        row("no onShift", "queue_snapshot", "/providers/0/onShift", kRemove, "missing_field",
            "body.providers[0].onShift");
        row("no removedProviderIds", "queue_delta", "/removedProviderIds", kRemove, "missing_field",
            "body.removedProviderIds");
        row("no providersInVisit", "queue_snapshot", "/states/0/providersInVisit", kRemove,
            "missing_field", "body.states[0].providersInVisit");
        row("no advance status", "advance_visit", "/status", kRemove, "missing_field",
            "body.status");

        // wrong_type
        row("consent as text", "visit_request", "/consent", R"("yes")", "wrong_type",
            "body.consent");
        row("consent as number", "visit_request", "/consent", "1", "wrong_type", "body.consent");
        row("consent null", "visit_request", "/consent", "null", "wrong_type", "body.consent");
        row("state as number", "visit_request", "/state", "12", "wrong_type", "body.state");
        row("date as number", "visit_request", "/dateOfBirth", "19901210", "wrong_type",
            "body.dateOfBirth");
        row("status null", "set_state_status", "/status", "null", "wrong_type", "body.status");
        row("fractional removed id", "queue_delta", "/removedVisitIds", "[1.5]", "wrong_type",
            "body.removedVisitIds[0]");
        row("removed ids as object", "queue_delta", "/removedVisitIds", "{}", "wrong_type",
            "body.removedVisitIds");
        row("visits as object", "queue_snapshot", "/visits", "{}", "wrong_type", "body.visits");
        row("priority as text", "set_visit_priority", "/priority", R"("5")", "wrong_type",
            "body.priority");
        row("status as boolean", "set_availability", "/status", "true", "wrong_type",
            "body.status");
        row("shift end as text", "set_shift", "/endsAt", R"("19:00")", "wrong_type", "body.endsAt");
        row("visit as array", "visit_assigned", "/visit", "[]", "wrong_type", "body.visit");

        // out_of_range: state codes
        row("lower-case state", "visit_request", "/state", R"("wa")", "out_of_range", "body.state");
        row("one-letter state", "visit_request", "/state", R"("W")", "out_of_range", "body.state");
        row("three-letter state", "visit_request", "/state", R"("WAS")", "out_of_range",
            "body.state");
        row("empty state", "visit_request", "/state", R"("")", "out_of_range", "body.state");
        row("state with digit", "visit_request", "/state", R"("W1")", "out_of_range", "body.state");
        row("accented state", "visit_request", "/state", R"("ÉA")", "out_of_range", "body.state");
        row("set_state_status lower case", "set_state_status", "/state", R"("tx")", "out_of_range",
            "body.state");
        row("queue code", "queue_snapshot", "/states/0/code", R"("Wa")", "out_of_range",
            "body.states[0].code");
        row("patient visit state", "visit_status", "/visit/state", R"("XX1")", "out_of_range",
            "body.visit.state");
        row("state list code", "state_list", "/states/0/code", R"("W A")", "out_of_range",
            "body.states[0].code");
        row("queue visit state", "queue_snapshot", "/visits/1/state", R"("w")", "out_of_range",
            "body.visits[1].state");

        // out_of_range: names from the lists
        row("unknown state status", "set_state_status", "/status", R"("paused")", "out_of_range",
            "body.status");
        row("capitalised state status", "set_state_status", "/status", R"("Open")", "out_of_range",
            "body.status");
        row("empty state status", "set_state_status", "/status", R"("")", "out_of_range",
            "body.status");
        row("state list status", "state_list", "/states/0/status", R"("maybe")", "out_of_range",
            "body.states[0].status");
        row("manual status", "queue_snapshot", "/states/0/manualStatus", R"("reopened")",
            "out_of_range", "body.states[0].manualStatus");
        row("patient visit status", "visit_status", "/visit/status", R"("pending")", "out_of_range",
            "body.visit.status");
        row("patient state status", "visit_status", "/visit/stateStatus", R"("high_demand")",
            "out_of_range", "body.visit.stateStatus");
        row("queue visit status", "queue_snapshot", "/visits/1/status", R"("done")", "out_of_range",
            "body.visits[1].status");
        row("unknown refusal", "intake_refused", "/reason", R"("full")", "out_of_range",
            "body.reason");
        row("domain reason code", "intake_refused", "/reason", R"("closed_by_staff")",
            "out_of_range", "body.reason");
        row("advance to assigned", "advance_visit", "/status", R"("assigned")", "out_of_range",
            "body.status");
        row("advance to cancelled", "advance_visit", "/status", R"("cancelled")", "out_of_range",
            "body.status");
        row("advance to ready", "advance_visit", "/status", R"("ready")", "out_of_range",
            "body.status");
        row("advance to removed", "advance_visit", "/status", R"("removed")", "out_of_range",
            "body.status");
        row("advance with space", "advance_visit", "/status", R"("waiting ")", "out_of_range",
            "body.status");

        // out_of_range: dates
        const char *badDates[][2] = {
            {"30 February", R"("2026-02-30")"},
            {"29 February 2025", R"("2025-02-29")"},
            {"29 February 1900", R"("1900-02-29")"},
            {"month 13", R"("1984-13-01")"},
            {"month 0", R"("1984-00-10")"},
            {"31 April", R"("1984-04-31")"},
            {"day 0", R"("1984-01-00")"},
            {"before 1900", R"("1899-12-31")"},
            {"after 2100", R"("2101-01-01")"},
            {"short month", R"("1984-2-29")"},
            {"slashes", R"("1984/02/29")"},
            {"two-digit year", R"("84-02-29")"},
            {"with time", R"("1984-02-29T00:00:00Z")"},
            {"leading space", R"(" 1984-02-29")"},
            {"signed year", R"("+984-02-29")"},
            {"empty date", R"("")"},
        };
        for (const auto &[name, value] : badDates)
            row(name, "visit_request", "/dateOfBirth", value, "out_of_range", "body.dateOfBirth");
        row("queue visit date", "visit_assigned", "/visit/dateOfBirth", R"("2026-02-30")",
            "out_of_range", "body.visit.dateOfBirth");

        // out_of_range: priority, ids, counts, times
        row("priority 10", "set_visit_priority", "/priority", "10", "out_of_range",
            "body.priority");
        row("priority -1", "set_visit_priority", "/priority", "-1", "out_of_range",
            "body.priority");
        row("queue visit priority 10", "queue_snapshot", "/visits/0/priority", "10", "out_of_range",
            "body.visits[0].priority");
        row("visit id 0", "assign_visit", "/visitId", "0", "out_of_range", "body.visitId");
        row("provider id 0", "assign_visit", "/providerId", "0", "out_of_range", "body.providerId");
        row("negative provider id", "assign_visit", "/providerId", "-3", "out_of_range",
            "body.providerId");
        row("remove visit 0", "remove_visit", "/visitId", "0", "out_of_range", "body.visitId");
        row("advance visit 0", "advance_visit", "/visitId", "0", "out_of_range", "body.visitId");
        row("priority of visit 0", "set_visit_priority", "/visitId", "0", "out_of_range",
            "body.visitId");
        row("removed id 0", "queue_delta", "/removedVisitIds", "[3,0]", "out_of_range",
            "body.removedVisitIds[1]");
        row("removed state not a code", "queue_delta", "/removedStates", "[\"NV\",\"Nevada\"]",
            "out_of_range", "body.removedStates[1]");
        row("queue visit id 0", "visit_assigned", "/visit/id", "0", "out_of_range",
            "body.visit.id");
        row("assigned provider 0", "visit_assigned", "/visit/assignedProviderId", "0",
            "out_of_range", "body.visit.assignedProviderId");
        row("patient visit id 0", "visit_status", "/visit/visitId", "0", "out_of_range",
            "body.visit.visitId");
        row("negative seq", "queue_delta", "/seq", "-1", "out_of_range", "body.seq");
        row("negative waiting", "queue_snapshot", "/states/0/waiting", "-1", "out_of_range",
            "body.states[0].waiting");
        row("negative longest wait", "queue_snapshot", "/states/0/longestWaitSeconds", "-1",
            "out_of_range", "body.states[0].longestWaitSeconds");
        row("in_visit is not set", "set_availability", "/status", R"("in_visit")", "out_of_range",
            "body.status");
        row("unknown provider status", "queue_snapshot", "/providers/0/status", R"("away")",
            "out_of_range", "body.providers[0].status");
        row("provider state not a code", "queue_delta", "/providers/0/states", R"(["Wash"])",
            "out_of_range", "body.providers[0].states[0]");
        row("shift provider 0", "set_shift", "/providerId", "0", "out_of_range", "body.providerId");
        row("negative licensed", "queue_snapshot", "/states/0/providersLicensed", "-1",
            "out_of_range", "body.states[0].providersLicensed");
        row("negative providers", "queue_snapshot", "/states/0/providersAvailable", "-1",
            "out_of_range", "body.states[0].providersAvailable");
        row("negative estimate", "visit_status", "/visit/estimatedWaitSeconds", "-1",
            "out_of_range", "body.visit.estimatedWaitSeconds");
        row("position 0", "visit_status", "/visit/position", "0", "out_of_range",
            "body.visit.position");
        row("queue position 0", "queue_snapshot", "/visits/1/position", "0", "out_of_range",
            "body.visits[1].position");
        row("refusal estimate", "intake_refused", "/estimatedWaitSeconds", "-5", "out_of_range",
            "body.estimatedWaitSeconds");
        row("negative next opening", "intake_refused", "/nextOpenAt", "-1", "out_of_range",
            "body.nextOpenAt");
        row("requested after 9999", "queue_snapshot", "/visits/0/requestedAt", "253402300800000",
            "out_of_range", "body.visits[0].requestedAt");
        row("negative closesAt", "queue_snapshot", "/states/0/closesAt", "-1", "out_of_range",
            "body.states[0].closesAt");

        // out_of_range: lengths
        row("empty first name", "visit_request", "/firstName", R"("")", "out_of_range",
            "body.firstName");
        row("first name of 101 bytes", "visit_request", "/firstName", text(101), "out_of_range",
            "body.firstName");
        row("last name of 101 bytes", "visit_request", "/lastName", text(101), "out_of_range",
            "body.lastName");
        row("empty reason", "visit_request", "/reason", R"("")", "out_of_range", "body.reason");
        row("reason of 1001 bytes", "visit_request", "/reason", text(1001), "out_of_range",
            "body.reason");
        row("contact of 2 bytes", "visit_request", "/contact", R"("12")", "out_of_range",
            "body.contact");
        row("contact of 201 bytes", "visit_request", "/contact", text(201), "out_of_range",
            "body.contact");
        row("token of 15 bytes", "visit_resume", "/token", text(15), "out_of_range", "body.token");
        row("token of 129 bytes", "visit_resume", "/token", text(129), "out_of_range",
            "body.token");
        row("accepted token of 15 bytes", "visit_accepted", "/token", text(15), "out_of_range",
            "body.token");
        row("note of 2001 bytes", "advance_visit", "/note", text(2001), "out_of_range",
            "body.note");
        row("empty removal reason", "remove_visit", "/reason", R"("")", "out_of_range",
            "body.reason");
        row("removal reason of 501 bytes", "remove_visit", "/reason", text(501), "out_of_range",
            "body.reason");
        row("empty refusal message", "intake_refused", "/message", R"("")", "out_of_range",
            "body.message");
        row("empty notice", "visit_status", "/visit/notice", R"("")", "out_of_range",
            "body.visit.notice");
        row("empty time zone", "queue_snapshot", "/states/0/timeZone", R"("")", "out_of_range",
            "body.states[0].timeZone");
        row("time zone of 65 bytes", "queue_snapshot", "/states/0/timeZone", text(65),
            "out_of_range", "body.states[0].timeZone");
        row("provider name of 201 bytes", "visit_assigned", "/visit/assignedProviderName",
            text(201), "out_of_range", "body.visit.assignedProviderName");
        row("empty state name", "state_list", "/states/0/name", R"("")", "out_of_range",
            "body.states[0].name");

        // out_of_range: list sizes
        row("too many states", "state_list", "/states",
            repeated(R"({"code":"WA","name":"W","status":"open"})",
                     static_cast<int>(kMaxListItems) + 1),
            "out_of_range", "body.states");
        row("too many visits", "queue_snapshot", "/visits",
            repeated(kQueueVisit, static_cast<int>(kMaxQueueVisits) + 1), "out_of_range",
            "body.visits");
        row("too many removed ids", "queue_delta", "/removedVisitIds",
            repeated("7", static_cast<int>(kMaxQueueVisits) + 1), "out_of_range",
            "body.removedVisitIds");
    }

    void rejects() {
        QFETCH(QString, type);
        QFETCH(QString, pointer);
        QFETCH(QByteArray, value);
        QFETCH(QString, code);
        QFETCH(QString, field);

        QVERIFY(baseBodies().count(type) == 1);
        const auto error = validate(type, changed(type, pointer, value));
        QVERIFY2(error.has_value(), "the body was accepted");
        QCOMPARE(qs(errorCodeName(error->code)), code);
        QCOMPARE(qs(error->field), field);
        QVERIFY2(error->message.starts_with(field.toStdString() + " "), error->message.c_str());
    }

    void accepts_data() {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QByteArray>("value");
        const auto row = [](const char *name, const char *type, const char *pointer,
                            const QByteArray &value) {
            QTest::newRow(name) << type << pointer << value;
        };

        row("earliest date", "visit_request", "/dateOfBirth", R"("1900-01-01")");
        row("latest date", "visit_request", "/dateOfBirth", R"("2100-12-31")");
        row("29 February 2000", "visit_request", "/dateOfBirth", R"("2000-02-29")");
        row("29 February 2024", "visit_request", "/dateOfBirth", R"("2024-02-29")");
        row("consent refused", "visit_request", "/consent", "false");
        row("contact of 3 bytes", "visit_request", "/contact", R"("911")");
        row("contact of 200 bytes", "visit_request", "/contact", text(200));
        row("first name of 100 bytes", "visit_request", "/firstName", text(100));
        row("reason of 1000 bytes", "visit_request", "/reason", text(1000));
        row("District of Columbia", "visit_request", "/state", R"("DC")");
        row("Puerto Rico", "set_state_status", "/state", R"("PR")");
        row("token of 16 bytes", "visit_resume", "/token", text(16));
        row("token of 128 bytes", "visit_resume", "/token", text(128));
        row("priority 0", "set_visit_priority", "/priority", "0");
        row("priority 9", "set_visit_priority", "/priority", "9");
        row("queue visit priority 9", "queue_snapshot", "/visits/0/priority", "9");
        row("note of 2000 bytes", "advance_visit", "/note", text(2000));
        row("no note", "advance_visit", "/note", kRemove);
        row("null note", "advance_visit", "/note", "null");
        row("completed", "advance_visit", "/status", R"("completed")");
        row("no_show", "advance_visit", "/status", R"("no_show")");
        row("handed back", "advance_visit", "/status", R"("waiting")");
        row("null position", "visit_status", "/visit/position", "null");
        row("null notice", "visit_status", "/visit/notice", "null");
        row("null next opening", "intake_refused", "/nextOpenAt", "null");
        row("null estimate", "queue_snapshot", "/states/0/estimatedWaitSeconds", "null");
        row("null provider", "visit_assigned", "/visit/assignedProviderId", "null");
        row("empty snapshot", "queue_snapshot", "/visits", "[]");
        row("on break", "set_availability", "/status", R"("on_break")");
        row("available", "set_availability", "/status", R"("available")");
        row("no shift", "set_shift", "/endsAt", kRemove);
        row("null shift start", "set_shift", "/startsAt", "null");
        row("provider without licenses", "queue_snapshot", "/providers/0/states", "[]");
        row("most states", "state_list", "/states",
            repeated(R"({"code":"WA","name":"W","status":"open"})",
                     static_cast<int>(kMaxListItems)));
        // The board's load test holds 10,000 open visits: more than kMaxListItems.
        row("10,000 visits", "queue_snapshot", "/visits", repeated(kQueueVisit, 10000));
        row("most visits", "queue_snapshot", "/visits",
            repeated(kQueueVisit, static_cast<int>(kMaxQueueVisits)));
        row("most removed ids", "queue_delta", "/removedVisitIds",
            repeated("7", static_cast<int>(kMaxQueueVisits)));
    }

    void accepts() {
        QFETCH(QString, type);
        QFETCH(QString, pointer);
        QFETCH(QByteArray, value);
        const auto error = validate(type, changed(type, pointer, value));
        QVERIFY2(!error.has_value(), error ? error->message.c_str() : "");
    }

    // The protocol keeps its own lists of names (the decoder has no domain
    // types); they must be exactly the domain's names.
    void namesMatchTheDomain() {
        for (const auto status : domain::kAllVisitStatuses) {
            const auto name = std::string(domain::visitStatusName(status));
            auto visit = parse(baseBodies().at("visit_status"));
            visit["visit"]["status"] = name;
            QVERIFY2(!validate("visit_status", visit), name.c_str());
        }
        for (const auto status :
             {domain::StateStatus::Open, domain::StateStatus::Busy, domain::StateStatus::Closed}) {
            const auto name = std::string(domain::stateStatusName(status));
            auto body = parse(baseBodies().at("set_state_status"));
            body["status"] = name;
            QVERIFY2(!validate("set_state_status", body), name.c_str());
        }
        for (const char *name : {"in_visit", "completed", "no_show", "waiting"})
            QVERIFY2(domain::visitStatusFromName(name).has_value(), name);
    }

    void decodedValues() {
        const auto request =
            decodeBody<VisitRequest>(changed("visit_request", "/consent", "false"));
        QVERIFY(request.ok());
        QVERIFY(!request->consent);
        QCOMPARE(qs(request->dateOfBirth), QStringLiteral("1990-12-10"));

        const auto delta = decodeBody<QueueDelta>(
            changed("queue_delta", "/removedVisitIds", "[9223372036854775807,1]"));
        QVERIFY(delta.ok());
        QCOMPARE(delta->removedVisitIds,
                 (std::vector<std::int64_t>{std::numeric_limits<std::int64_t>::max(), 1}));
    }
};

QTEST_GUILESS_MAIN(VisitBodyValidationTest)
#include "VisitBodyValidationTest.moc"
