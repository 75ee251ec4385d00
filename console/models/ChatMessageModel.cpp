#include "models/ChatMessageModel.h"

#include "state/ChatConversation.h"

#include <QDateTime>
#include <QLocale>

namespace caredesk::console {

ChatMessageModel::ChatMessageModel(ChatConversation &conversation, QObject *parent)
    : QAbstractListModel(parent)
    , m_conversation(conversation)
    , m_patientRead(conversation.patientReadSeq()) {
    connect(&conversation, &ChatConversation::linesAboutToBeInserted, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(&conversation, &ChatConversation::linesInserted, this, [this](int first, int last) {
        endInsertRows();
        // The line after the inserted ones may no longer start a day.
        if (last + 1 < rowCount())
            emit dataChanged(index(last + 1), index(last + 1), {NewDayRole});
        Q_UNUSED(first);
    });
    connect(&conversation, &ChatConversation::lineAboutToBeRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(&conversation, &ChatConversation::lineRemoved, this, [this] { endRemoveRows(); });
    connect(&conversation, &ChatConversation::lineChanged, this,
            [this](int row) { emit dataChanged(index(row), index(row)); });
    connect(&conversation, &ChatConversation::detailsChanged, this, [this] {
        if (m_conversation.patientReadSeq() == m_patientRead || rowCount() == 0)
            return;
        m_patientRead = m_conversation.patientReadSeq();
        emit dataChanged(index(0), index(rowCount() - 1), {SeenByPatientRole});
    });
}

int ChatMessageModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_conversation.lines().size());
}

QVariant ChatMessageModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const ChatLine &line = m_conversation.lines()[row];
    switch (role) {
    case Qt::DisplayRole:
    case Qt::AccessibleTextRole: {
        const QString time = QLocale().toString(
            QDateTime::fromMSecsSinceEpoch(line.sentAtMs).toLocalTime().time(),
            QLocale::ShortFormat);
        QString who;
        switch (line.sender) {
        case ChatLine::Sender::Patient:
            who = tr("Patient");
            break;
        case ChatLine::Sender::Caregiver:
            who = line.senderName.isEmpty() ? tr("You") : line.senderName;
            break;
        case ChatLine::Sender::System:
            who = tr("CareDesk");
            break;
        }
        if (line.kind == ChatLine::Kind::Note)
            who = tr("Note by %1").arg(who);
        return tr("%1, %2: %3").arg(who, time, line.body);
    }
    case LineRole:
        return QVariant::fromValue(line);
    case SeqRole:
        return line.seq;
    case ClientMessageIdRole:
        return line.clientMessageId;
    case SeenByPatientRole: {
        // Only the newest of the team's messages the patient has read says so.
        const auto readByPatient = [this](const ChatLine &candidate) {
            return candidate.isDelivered() && candidate.sender == ChatLine::Sender::Caregiver &&
                   candidate.kind == ChatLine::Kind::Text &&
                   candidate.seq <= m_conversation.patientReadSeq();
        };
        if (!readByPatient(line))
            return false;
        const auto &lines = m_conversation.lines();
        for (std::size_t later = row + 1; later < lines.size(); ++later) {
            if (readByPatient(lines[later]))
                return false;
        }
        return true;
    }
    case NewDayRole: {
        if (row == 0)
            return true;
        const auto day = [](qint64 ms) {
            return QDateTime::fromMSecsSinceEpoch(ms).toLocalTime().date();
        };
        return day(m_conversation.lines()[row - 1].sentAtMs) != day(line.sentAtMs);
    }
    default:
        return {};
    }
}

} // namespace caredesk::console
