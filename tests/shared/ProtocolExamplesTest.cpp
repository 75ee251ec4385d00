#include "ProtocolTestSupport.h"
#include "protocol/Messages.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <QRegularExpression>
#include <QTest>
#include <cstddef>
#include <set>
#include <variant>

using namespace caredesk::protocol;
using caredesk::test::qs;

namespace {

QString sourcePath(const QString &relative) {
    const QByteArray root = qgetenv("CAREDESK_SOURCE_DIR");
    return QDir(QString::fromLocal8Bit(root)).filePath(relative);
}

// Checks one frame the way the server would and returns its type, or an
// explanation of why it is not a valid frame.
std::variant<MessageType, QString> checkFrame(const QByteArray &frame) {
    const auto envelope =
        decodeEnvelope(std::string_view(frame.constData(), static_cast<std::size_t>(frame.size())),
                       kMaxServerMessageBytes);
    if (!envelope)
        return qs(envelope.error().message);
    if (const auto error = validateBody(envelope->type, envelope->body))
        return qs(error->message);
    return envelope->type;
}

} // namespace

// The documentation and the fuzzing seeds are written by hand; both must hold
// frames that this build accepts, and the documentation must cover every type.
class ProtocolExamplesTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY2(!qgetenv("CAREDESK_SOURCE_DIR").isEmpty(), "run through ctest");
    }

    void documentationCoversEveryMessageType() {
        QFile file(sourcePath(QStringLiteral("docs/protocol.md")));
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QString text = QString::fromUtf8(file.readAll());

        // Every ```json block holding an object with a "type" is a frame example.
        static const QRegularExpression block(QStringLiteral("```json\\n(.*?)```"),
                                              QRegularExpression::DotMatchesEverythingOption);
        std::set<MessageType> documented;
        int frames = 0;
        for (auto it = block.globalMatch(text); it.hasNext();) {
            const QByteArray json = it.next().captured(1).toUtf8();
            const auto parsed = nlohmann::json::parse(
                json.constData(), json.constData() + json.size(), nullptr, false);
            QVERIFY2(!parsed.is_discarded(), json.constData());
            if (!parsed.is_object() || !parsed.contains("type"))
                continue;
            ++frames;
            const auto result = checkFrame(json);
            if (const auto *why = std::get_if<QString>(&result))
                QFAIL(qPrintable("invalid example in protocol.md: " + *why + "\n" + json));
            documented.insert(std::get<MessageType>(result));
        }
        QVERIFY(frames > 0);
        for (std::size_t i = 0; i < kMessageTypeCount; ++i) {
            const auto type = static_cast<MessageType>(i);
            QVERIFY2(
                documented.count(type) == 1,
                qPrintable("protocol.md has no example frame for " + qs(messageTypeName(type))));
            QVERIFY2(text.contains("### `" + qs(messageTypeName(type)) + "`"),
                     qPrintable("protocol.md has no section for " + qs(messageTypeName(type))));
        }
    }

    void documentationNamesEveryErrorCode() {
        QFile file(sourcePath(QStringLiteral("docs/protocol.md")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
#define CAREDESK_X(enumerator, name)                                                               \
    QVERIFY2(text.contains(QStringLiteral("| `" name "` |")),                                      \
             "protocol.md does not describe error code " name);
        CAREDESK_ERROR_CODES(CAREDESK_X)
#undef CAREDESK_X
    }

    void fuzzSeedsAreValidFrames() {
        const QDir corpus(sourcePath(QStringLiteral("tests/fuzz/corpus")));
        const auto seeds = corpus.entryInfoList(QDir::Files);
        QVERIFY2(seeds.size() >= 5, qPrintable(corpus.path()));
        for (const auto &seed : seeds) {
            QFile file(seed.filePath());
            QVERIFY(file.open(QIODevice::ReadOnly));
            const auto result = checkFrame(file.readAll().trimmed());
            if (const auto *why = std::get_if<QString>(&result))
                QFAIL(qPrintable(seed.fileName() + ": " + *why));
        }
    }
};

QTEST_GUILESS_MAIN(ProtocolExamplesTest)
#include "ProtocolExamplesTest.moc"
