#pragma once

#include "models/QueueStoreTableModel.h"

namespace caredesk::console {

class QueueStore;
struct StateQueueRow;

// Every state's coverage as a table, one row per state in the store's order:
// how many licensed providers it has, how many of them are on shift, free now
// and in a visit, against how many patients wait. The coverage column names
// the level (StateCoverage) with its colour; flagged states stand out. The
// tile map draws the same rows.
class CoverageTableModel : public QueueStoreTableModel {
    Q_OBJECT

public:
    enum Column {
        StateColumn,
        CoverageColumn,
        WaitingColumn,
        EstimatedWaitColumn,
        LicensedColumn,
        OnShiftColumn,
        FreeColumn,
        InVisitColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        StateCodeRole = Qt::UserRole + 1, // QString
        StateNameRole,                    // QString
        CoverageRole,                     // int: StateCoverage
        FlaggedRole,                      // bool: patients wait and nobody licensed is free
        WaitingRole,                      // qint64
        SortRole,                         // per column; the coverage column: worst first
    };
    Q_ENUM(Role)

    explicit CoverageTableModel(QueueStore &store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // "Texas (TX): waiting, nobody on shift" and the counts behind it.
    static QString toolTip(const StateQueueRow &state);

private:
    QVariant display(const StateQueueRow &state, int column) const;
    QVariant sortKey(const StateQueueRow &state, int column) const;

    QueueStore &m_store;
};

} // namespace caredesk::console
