#pragma once

#include <QAbstractTableModel>
#include <QTimer>
#include <functional>

namespace caredesk::console {

class ChatThreadStore;
struct ChatThreadRow;

// The chat threads as a table, one row per thread in the store's order
// (sorting and filtering are ChatThreadFilterProxyModel's). The waiting time
// is shown to the minute and refreshed twice a minute.
class ChatThreadModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        PatientColumn,
        StateColumn,
        WaitingColumn,
        UnreadColumn,
        OwnerColumn,
        LastMessageColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        VisitIdRole = Qt::UserRole + 1,
        UnreadRole,        // qint64
        OwnerIdRole,       // qint64, 0 in the pool
        LastActivityRole,  // qint64 ms: the newest message, else the arrival
        SortRole,          // per column, a key that orders like the column reads
    };
    Q_ENUM(Role)

    using Clock = std::function<qint64()>;

    explicit ChatThreadModel(ChatThreadStore &store, QObject *parent = nullptr);

    void setClock(Clock clock);
    void tick();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const ChatThreadRow &thread, int column) const;
    QVariant sortKey(const ChatThreadRow &thread, int column) const;
    QString toolTip(const ChatThreadRow &thread, int column) const;
    qint64 waitingSeconds(const ChatThreadRow &thread) const;

    ChatThreadStore &m_store;
    Clock m_clock;
    QTimer m_ticker;
};

} // namespace caredesk::console
