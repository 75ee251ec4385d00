#include "models/ChatThreadModel.h"

#include "models/DurationText.h"
#include "models/VisitTableModel.h"
#include "state/ChatThreadStore.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>

namespace caredesk::console {

namespace {
constexpr int kTickMs = 30'000;

qint64 lastActivity(const ChatThreadRow &thread) {
    return thread.lastMessageAtMs.value_or(thread.requestedAtMs);
}
} // namespace

ChatThreadModel::ChatThreadModel(ChatThreadStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_clock([] { return QDateTime::currentMSecsSinceEpoch(); }) {
    m_ticker.setInterval(kTickMs);
    connect(&m_ticker, &QTimer::timeout, this, &ChatThreadModel::tick);
    m_ticker.start();

    connect(&store, &ChatThreadStore::threadsAboutToBeAdded, this,
            [this](int first, int last) { beginInsertRows({}, first, last); });
    connect(&store, &ChatThreadStore::threadsAdded, this, [this] { endInsertRows(); });
    connect(&store, &ChatThreadStore::threadChanged, this,
            [this](int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
    connect(&store, &ChatThreadStore::threadAboutToBeRemoved, this,
            [this](int row) { beginRemoveRows({}, row, row); });
    connect(&store, &ChatThreadStore::threadRemoved, this, [this] { endRemoveRows(); });
    connect(&store, &ChatThreadStore::aboutToReset, this, [this] { beginResetModel(); });
    connect(&store, &ChatThreadStore::reset, this, [this] { endResetModel(); });
}

void ChatThreadModel::setClock(Clock clock) {
    m_clock = std::move(clock);
    tick();
}

void ChatThreadModel::tick() {
    const int rows = rowCount();
    if (rows > 0)
        emit dataChanged(index(0, WaitingColumn), index(rows - 1, WaitingColumn),
                         {Qt::DisplayRole});
}

int ChatThreadModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_store.threads().size());
}

int ChatThreadModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 ChatThreadModel::waitingSeconds(const ChatThreadRow &thread) const {
    return std::max<qint64>((m_clock() - thread.requestedAtMs) / 1000, 0);
}

QVariant ChatThreadModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ChatThreadRow &thread = m_store.threads()[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(thread, index.column());
    case Qt::ToolTipRole:
        return toolTip(thread, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == WaitingColumn || index.column() == UnreadColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::FontRole:
        if (thread.unread > 0 && (index.column() == PatientColumn ||
                                  index.column() == UnreadColumn ||
                                  index.column() == LastMessageColumn)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case VisitIdRole:
        return thread.visitId;
    case UnreadRole:
        return thread.unread;
    case OwnerIdRole:
        return thread.ownerId.value_or(0);
    case LastActivityRole:
        return lastActivity(thread);
    case SortRole:
        return sortKey(thread, index.column());
    default:
        return {};
    }
}

QVariant ChatThreadModel::display(const ChatThreadRow &thread, int column) const {
    switch (column) {
    case PatientColumn:
        return thread.patientName;
    case StateColumn:
        return thread.state;
    case WaitingColumn:
        if (domain::isTerminal(thread.status))
            return VisitTableModel::statusText(static_cast<int>(thread.status));
        return estimateText(waitingSeconds(thread));
    case UnreadColumn:
        return thread.unread > 0 ? QString::number(thread.unread) : QString();
    case OwnerColumn:
        return thread.ownerId ? thread.ownerName : tr("Unclaimed");
    case LastMessageColumn: {
        if (thread.lastSeq == 0)
            return tr("No messages yet");
        // One line in the table, whatever the message holds.
        QString preview = thread.preview.simplified();
        if (thread.lastSender == QLatin1String("caregiver"))
            preview = tr("Team: %1").arg(preview);
        return preview;
    }
    default:
        return {};
    }
}

QVariant ChatThreadModel::sortKey(const ChatThreadRow &thread, int column) const {
    switch (column) {
    case PatientColumn:
        return thread.patientName.toCaseFolded();
    case StateColumn:
        return thread.state;
    case WaitingColumn:
        return -thread.requestedAtMs; // longest waiting sorts highest
    case UnreadColumn:
        return thread.unread;
    case OwnerColumn:
        return thread.ownerId ? thread.ownerName.toCaseFolded() : QString();
    case LastMessageColumn:
        return lastActivity(thread);
    default:
        return {};
    }
}

QString ChatThreadModel::toolTip(const ChatThreadRow &thread, int column) const {
    switch (column) {
    case WaitingColumn:
        return tr("Waiting since %1")
            .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(thread.requestedAtMs).toLocalTime(),
                                    QLocale::ShortFormat));
    case UnreadColumn:
        return thread.unread > 0 ? tr("%n message(s) from the patient not read yet", nullptr,
                                      static_cast<int>(thread.unread))
                                 : QString();
    case LastMessageColumn:
        if (thread.lastMessageAtMs)
            return QLocale().toString(
                QDateTime::fromMSecsSinceEpoch(*thread.lastMessageAtMs).toLocalTime(),
                QLocale::ShortFormat);
        return {};
    default:
        return {};
    }
}

QVariant ChatThreadModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case PatientColumn:
        return tr("Patient");
    case StateColumn:
        return tr("State");
    case WaitingColumn:
        return tr("Waiting");
    case UnreadColumn:
        return tr("Unread");
    case OwnerColumn:
        return tr("With");
    case LastMessageColumn:
        return tr("Last message");
    default:
        return {};
    }
}

} // namespace caredesk::console
