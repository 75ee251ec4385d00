#include "ProtocolTestSupport.h"
#include "protocol/ErrorCode.h"
#include "protocol/MessageType.h"
#include "protocol/Messages.h"

#include <QObject>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>
#include <QTest>
#include <cstddef>

using namespace caredesk::protocol;
using caredesk::test::qs;

namespace {

const QRegularExpression kWireName(QStringLiteral("^[a-z][a-z0-9]*(_[a-z0-9]+)*$"));

} // namespace

class NameTablesTest : public QObject {
    Q_OBJECT

private slots:
    void messageTypeNamesAreInverse() {
        QSet<QString> seen;
        for (std::size_t i = 0; i < kMessageTypeCount; ++i) {
            const auto type = static_cast<MessageType>(i);
            const QString name = qs(messageTypeName(type));
            QVERIFY2(kWireName.match(name).hasMatch(), qPrintable(name));
            QVERIFY2(!seen.contains(name), qPrintable("duplicate name " + name));
            seen.insert(name);
            const auto back = messageTypeFromName(messageTypeName(type));
            QVERIFY(back.has_value());
            QCOMPARE(*back, type);
        }
        QCOMPARE(seen.size(), static_cast<qsizetype>(kMessageTypeCount));
    }

    void messageTypeUnknownNames() {
        QVERIFY(!messageTypeFromName("").has_value());
        QVERIFY(!messageTypeFromName("Hello").has_value());
        QVERIFY(!messageTypeFromName("hello ").has_value());
        QVERIFY(!messageTypeFromName(std::string_view("hello\0", 6)).has_value());
        QVERIFY(messageTypeName(static_cast<MessageType>(kMessageTypeCount)).empty());
    }

    // The list is append-only: the wire names already shipped keep their
    // position. Appending a type passes; renaming or reordering fails here.
    void messageTypeListIsAppendOnly() {
        const QStringList shipped{"hello",           "welcome",         "error",         "ok",
                                  "login",           "resume",          "session",       "logout",
                                  "change_password", "list_caregivers", "caregiver_list"};
        QVERIFY(kMessageTypeCount >= static_cast<std::size_t>(shipped.size()));
        for (qsizetype i = 0; i < shipped.size(); ++i)
            QCOMPARE(qs(messageTypeName(static_cast<MessageType>(i))), shipped[i]);
    }

    void errorCodeNamesAreInverse() {
        QSet<QString> seen;
        std::size_t count = 0;
#define CAREDESK_X(enumerator, name)                                                               \
    {                                                                                              \
        ++count;                                                                                   \
        QCOMPARE(qs(errorCodeName(ErrorCode::enumerator)), QStringLiteral(name));                  \
        const auto back = errorCodeFromName(name);                                                 \
        QVERIFY(back.has_value());                                                                 \
        QCOMPARE(*back, ErrorCode::enumerator);                                                    \
        QVERIFY2(kWireName.match(QStringLiteral(name)).hasMatch(), name);                          \
        QVERIFY2(!seen.contains(QStringLiteral(name)), "duplicate name " name);                    \
        seen.insert(QStringLiteral(name));                                                         \
    }
        CAREDESK_ERROR_CODES(CAREDESK_X)
#undef CAREDESK_X
        QCOMPARE(static_cast<std::size_t>(seen.size()), count);
        QVERIFY(!errorCodeFromName("").has_value());
        QVERIFY(!errorCodeFromName("Throttled").has_value());
        QVERIFY(errorCodeName(static_cast<ErrorCode>(count)).empty());
    }

    void errorCodeListIsAppendOnly() {
        const QStringList shipped{"invalid_json",        "invalid_envelope",
                                  "unknown_type",        "missing_field",
                                  "wrong_type",          "out_of_range",
                                  "too_large",           "binary_not_supported",
                                  "unsupported_version", "handshake_required",
                                  "not_authenticated",   "forbidden",
                                  "invalid_credentials", "throttled",
                                  "session_expired",     "password_rejected",
                                  "not_allowed_here",    "overloaded",
                                  "unavailable",         "internal"};
        for (qsizetype i = 0; i < shipped.size(); ++i)
            QCOMPARE(qs(errorCodeName(static_cast<ErrorCode>(i))), shipped[i]);
    }

    void clientKindNamesAreInverse() {
        for (const auto kind : {ClientKind::Console, ClientKind::Web, ClientKind::Tool}) {
            const auto back = clientKindFromName(clientKindName(kind));
            QVERIFY(back.has_value());
            QVERIFY(*back == kind);
        }
        QCOMPARE(qs(clientKindName(ClientKind::Console)), QStringLiteral("console"));
        QCOMPARE(qs(clientKindName(ClientKind::Web)), QStringLiteral("web"));
        QCOMPARE(qs(clientKindName(ClientKind::Tool)), QStringLiteral("tool"));
        QVERIFY(!clientKindFromName("Console").has_value());
    }
};

QTEST_GUILESS_MAIN(NameTablesTest)
#include "NameTablesTest.moc"
