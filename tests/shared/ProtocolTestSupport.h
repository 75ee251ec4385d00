#pragma once

// Qt Test printers for protocol types, so a failed QCOMPARE shows wire names
// rather than "Compared values are not the same".

#include "protocol/ErrorCode.h"
#include "protocol/MessageType.h"
#include "protocol/Result.h"

#include <QByteArray>
#include <QString>
#include <QTest>
#include <initializer_list>
#include <string>
#include <string_view>

namespace caredesk::protocol {

inline char *toString(ErrorCode code) {
    return QTest::toString(QString::fromUtf8(errorCodeName(code).data(),
                                             static_cast<qsizetype>(errorCodeName(code).size())));
}

inline char *toString(MessageType type) {
    return QTest::toString(QString::fromUtf8(messageTypeName(type).data(),
                                             static_cast<qsizetype>(messageTypeName(type).size())));
}

inline char *toString(const Error &error) {
    const auto code = errorCodeName(error.code);
    return QTest::toString(
        QStringLiteral("%1 at \"%2\": %3")
            .arg(QString::fromUtf8(code.data(), static_cast<qsizetype>(code.size())),
                 QString::fromStdString(error.field), QString::fromStdString(error.message)));
}

} // namespace caredesk::protocol

namespace caredesk::test {

inline QString qs(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// Raw strings in tests keep their quotes balanced (moc mis-reads others), so
// long values go in through "@" placeholders, filled in order.
inline QByteArray filled(QByteArray pattern, std::initializer_list<QByteArray> values) {
    qsizetype from = 0;
    for (const auto &value : values) {
        from = pattern.indexOf('@', from);
        pattern.replace(from, 1, value);
        from += value.size();
    }
    return pattern;
}

} // namespace caredesk::test
