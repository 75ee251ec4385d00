#pragma once

#include "models/QueueStoreTableModel.h"

#include <QTimer>
#include <functional>

namespace caredesk::console {

class QueueStore;
struct QueueVisitRow;

// The visits of the queue board as a table, one row per visit in the store's
// order (sorting and filtering are VisitFilterProxyModel's). The waiting time
// ticks: once a second only that column is announced as changed.
class VisitTableModel : public QueueStoreTableModel {
    Q_OBJECT

public:
    enum Column {
        PatientColumn,
        AgeColumn,
        StateColumn,
        ReasonColumn,
        WaitingColumn,
        StatusColumn,
        PriorityColumn,
        ProviderColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        VisitIdRole = Qt::UserRole + 1,
        StateCodeRole,      // QString
        StatusRole,         // int: domain::VisitStatus
        PriorityRole,       // int
        RequestedAtRole,    // qint64, ms since the epoch
        WaitingSecondsRole, // qint64, now
        AgeYearsRole,       // int, -1 when the date of birth is unknown
        ProviderIdRole,     // qint64, 0 when unassigned
        SortRole,           // per column, a key that orders like the column reads
    };
    Q_ENUM(Role)

    // now: milliseconds since the epoch on the server's clock.
    using Clock = std::function<qint64()>;

    explicit VisitTableModel(QueueStore &store, QObject *parent = nullptr);

    // Replaces the clock (tests, or to follow the server's clock).
    void setClock(Clock clock);
    // Announces the waiting column as changed, as the timer does each second.
    void tick();

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // The age in whole years on the given day (months for babies are the
    // view's business); -1 for an unknown date of birth.
    static int ageInYears(const QDate &dateOfBirth, const QDate &today);
    static QString statusText(int visitStatus);

private:
    QVariant display(const QueueVisitRow &visit, int column) const;
    QVariant sortKey(const QueueVisitRow &visit, int column) const;
    QString toolTip(const QueueVisitRow &visit, int column) const;
    qint64 waitingSeconds(const QueueVisitRow &visit) const;
    QDate today() const;
    void updateTimer();

    QueueStore &m_store;
    Clock m_clock;
    QTimer m_ticker;
};

} // namespace caredesk::console
