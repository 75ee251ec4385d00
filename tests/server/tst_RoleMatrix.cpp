// Who may send what, for every message type of the protocol, against the real
// server: each caregiver role that must be refused a message gets `forbidden`
// naming the message and the roles it needs, whatever the body; each role
// that may send it is not refused for its role; without a session, caregiver
// messages get `not_authenticated`; server-only messages are refused to all.
//
// The table below is the specification. Every type in MessageTypes.h must
// appear in it (checked), so a new message cannot ship without a decision.

#include "ServerUnderTest.h"
#include "TestDatabase.h"
#include "WireFixtures.h"
#include "WsTestClient.h"
#include "protocol/MessageType.h"

#include <QtTest>

#include <map>
#include <optional>

using caredesk::domain::Role;
using caredesk::domain::RoleSet;
using caredesk::protocol::MessageType;
using caredesk::test::ServerUnderTest;
using caredesk::test::WsTestClient;
using nlohmann::json;

namespace {
using caredesk::test::codeOf;
using caredesk::test::kTestPassword;

enum class Access {
    ServerOnly, // sent by the server; refused to everyone
    Open,       // hello, login, resume, activation, patient intake: no session needed
    Participant, // any caregiver, or a patient on their own visit
    Caregiver,   // a signed-in caregiver with any of `roles` (empty: any role)
};

struct Rule {
    Access access = Access::Caregiver;
    RoleSet roles;
};

const RoleSet kAdmin{Role::Admin};
const RoleSet kStaff{Role::Support, Role::Admin};
const RoleSet kProvider{Role::Provider};
const RoleSet kProviderOrAdmin{Role::Provider, Role::Admin};
const RoleSet kAnyone{};

std::map<MessageType, Rule> specification() {
    using T = MessageType;
    const Rule serverOnly{Access::ServerOnly, {}};
    const Rule open{Access::Open, {}};
    const Rule participant{Access::Participant, {}};
    const auto caregiver = [](RoleSet roles) { return Rule{Access::Caregiver, roles}; };
    return {
        {T::Hello, open},
        {T::Welcome, serverOnly},
        {T::Error, serverOnly},
        {T::Ok, serverOnly},
        {T::Login, open},
        {T::Resume, open},
        {T::SessionStarted, serverOnly},
        {T::Logout, caregiver(kAnyone)},
        {T::ChangePassword, caregiver(kAnyone)},
        {T::ListCaregivers, caregiver(kAdmin)},
        {T::CaregiverList, serverOnly},
        {T::ListStates, open},
        {T::StateList, serverOnly},
        {T::VisitRequest, open},
        {T::VisitAccepted, serverOnly},
        {T::IntakeRefused, serverOnly},
        {T::VisitResume, open},
        {T::VisitCancel, open},
        {T::VisitStatus, serverOnly},
        {T::QueueSubscribe, caregiver(kAnyone)},
        {T::QueueSnapshot, serverOnly},
        {T::QueueDelta, serverOnly},
        {T::SetStateStatus, caregiver(kStaff)},
        {T::TakeNextVisit, caregiver(kProvider)},
        {T::VisitAssigned, serverOnly},
        {T::AssignVisit, caregiver(kStaff)},
        {T::SetVisitPriority, caregiver(kStaff)},
        {T::RemoveVisit, caregiver(kStaff)},
        {T::AdvanceVisit, caregiver(kProvider)},
        {T::SetAvailability, caregiver(kProvider)},
        {T::ListStateSettings, caregiver(kStaff)},
        {T::StateSettingsList, serverOnly},
        {T::UpdateStateSettings, caregiver(kAdmin)},
        {T::FileVisit, caregiver(kStaff)},
        {T::ListProviders, caregiver(kStaff)},
        {T::ProviderList, serverOnly},
        {T::ChatSubscribe, caregiver(kAnyone)},
        {T::ChatThreads, serverOnly},
        {T::ChatThreadsDelta, serverOnly},
        {T::ChatOpen, participant},
        {T::ChatClose, participant},
        {T::ChatPage, participant},
        {T::ChatHistory, serverOnly},
        {T::ChatSend, participant},
        {T::ChatAck, serverOnly},
        {T::ChatMessage, serverOnly},
        {T::ChatTyping, participant},
        {T::ChatRead, participant},
        {T::ChatReadUpdate, serverOnly},
        {T::ChatClaim, caregiver(kStaff)},
        {T::ChatTransfer, caregiver(kStaff)},
        {T::ListChatStaff, caregiver(kStaff)},
        {T::ChatStaffList, serverOnly},
        {T::ListCannedResponses, caregiver(kAnyone)},
        {T::CannedResponses, serverOnly},
        {T::SaveCannedResponse, caregiver(kAdmin)},
        {T::DeleteCannedResponse, caregiver(kAdmin)},
        {T::ListAuditEvents, caregiver(kAdmin)},
        {T::AuditEvents, serverOnly},
        {T::CreateCaregiver, caregiver(kAdmin)},
        {T::CaregiverInvite, serverOnly},
        {T::UpdateCaregiver, caregiver(kAdmin)},
        {T::SetCaregiverActive, caregiver(kAdmin)},
        {T::ResetCaregiverAccess, caregiver(kAdmin)},
        {T::ActivateAccount, open},
        {T::ListLicenses, caregiver({Role::Admin, Role::Provider})},
        {T::LicenseList, serverOnly},
        {T::SaveLicense, caregiver(kAdmin)},
        {T::ImportCaregivers, caregiver(kAdmin)},
        {T::ImportReport, serverOnly},
        {T::SetShift, caregiver(kProviderOrAdmin)},
    };
}

std::vector<MessageType> everyType() {
    return {
#define CAREDESK_X(enumerator, name) MessageType::enumerator,
        CAREDESK_MESSAGE_TYPES(CAREDESK_X)
#undef CAREDESK_X
    };
}

std::string nameOf(MessageType type) {
    return std::string(caredesk::protocol::messageTypeName(type));
}

// Messages whose effect would end the test's own session.
bool endsSession(MessageType type) {
    return type == MessageType::Logout;
}
} // namespace

class RoleMatrixTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<ServerUnderTest> m_server;
    std::map<Role, std::unique_ptr<WsTestClient>> m_clients;

    WsTestClient &as(Role role) {
        auto &client = m_clients[role];
        if (!client || !client->isConnected())
            client = caredesk::test::connectCaregiver(
                *m_server, std::string(caredesk::domain::roleName(role)) + ".only");
        return *client;
    }

private slots:
    void initTestCase() {
        m_server = std::make_unique<ServerUnderTest>(caredesk::test::TestDatabase::create());
        for (const auto role : {Role::Support, Role::Provider, Role::Admin})
            m_server->addCaregiver(std::string(caredesk::domain::roleName(role)) + ".only",
                                   kTestPassword, {role});
    }
    void cleanupTestCase() {
        m_clients.clear();
        m_server.reset();
    }

    void everyTypeIsSpecified() {
        const auto spec = specification();
        for (const auto type : everyType())
            QVERIFY2(spec.count(type) == 1,
                     ("no access rule in this test for " + nameOf(type)).c_str());
        QCOMPARE(spec.size(), everyType().size());
    }

    void rolesThatMustBeRefusedAreRefused() {
        int refusals = 0;
        for (const auto &[type, rule] : specification()) {
            if (rule.access != Access::Caregiver || rule.roles.empty())
                continue;
            for (const auto role : {Role::Support, Role::Provider, Role::Admin}) {
                if (rule.roles.has(role))
                    continue;
                // An empty body, and a plausible one: neither gets past the role.
                for (const json &body : {json::object(), json{{"id", 1}, {"state", "TX"}}}) {
                    const auto reply = as(role).request(nameOf(type), body);
                    const std::string what = nameOf(type) + " as " +
                                             std::string(caredesk::domain::roleName(role)) +
                                             ": " + reply.dump();
                    QVERIFY2(codeOf(reply) == "forbidden", what.c_str());
                    const std::string message = reply["body"]["message"];
                    QVERIFY2(message.find(nameOf(type)) != std::string::npos, what.c_str());
                    for (const auto &needed : rule.roles.names())
                        QVERIFY2(message.find(needed) != std::string::npos, what.c_str());
                    ++refusals;
                }
            }
        }
        QVERIFY(refusals >= 40);
    }

    void rolesThatMayAreNotRefused() {
        for (const auto &[type, rule] : specification()) {
            if (rule.access != Access::Caregiver || endsSession(type))
                continue;
            for (const auto role : {Role::Support, Role::Provider, Role::Admin}) {
                if (!rule.roles.empty() && !rule.roles.has(role))
                    continue;
                // The empty body is usually wrong: any answer but a refusal
                // for the role (or for not being signed in) will do.
                const auto reply = as(role).request(nameOf(type), json::object());
                const std::string what = nameOf(type) + " as " +
                                         std::string(caredesk::domain::roleName(role)) + ": " +
                                         reply.dump();
                QVERIFY2(!reply.is_null(), what.c_str());
                QVERIFY2(codeOf(reply) != "forbidden", what.c_str());
                QVERIFY2(codeOf(reply) != "not_authenticated", what.c_str());
            }
        }
    }

    void withoutASessionCaregiverMessagesAreRefused() {
        auto stranger = caredesk::test::connectPatient(*m_server);
        for (const auto &[type, rule] : specification()) {
            if (rule.access != Access::Caregiver)
                continue;
            const auto reply = stranger->request(nameOf(type), json::object());
            QVERIFY2(codeOf(reply) == "not_authenticated", (nameOf(type) + ": " + reply.dump()).c_str());
        }
    }

    void serverMessagesAreRefusedToEveryone() {
        auto stranger = caredesk::test::connectPatient(*m_server);
        for (const auto &[type, rule] : specification()) {
            if (rule.access != Access::ServerOnly)
                continue;
            for (auto *client : {stranger.get(), &as(Role::Admin)}) {
                const auto reply = client->request(nameOf(type), json::object());
                QVERIFY2(codeOf(reply) == "not_allowed_here",
                         (nameOf(type) + ": " + reply.dump()).c_str());
            }
        }
    }
};

QTEST_MAIN(RoleMatrixTest)
#include "tst_RoleMatrix.moc"
