#pragma once

#include "state/CaregiverAccountRow.h"

#include <QAbstractTableModel>
#include <QList>
#include <functional>

namespace caredesk::console {

// Caregiver accounts as a table for admins: who, how they sign in, what they
// may do, where their account stands, their open invitation and last sign-in.
// A changed account replaces its row in place; a new one is appended.
class CaregiverTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        UsernameColumn,
        RolesColumn,
        StatusColumn,
        InviteColumn,
        LastSignInColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        RowRole = Qt::UserRole + 1,
        IdRole,
        // The account's status as the protocol names it: invited, active, deactivated.
        AccountStatusRole,
        // For sorting: names case-folded, times as numbers.
        SortRole,
    };

    explicit CaregiverTableModel(QObject *parent = nullptr);

    void setRows(const QList<caredesk::console::CaregiverAccountRow> &rows);
    // Replaces the row with the same id, or appends it.
    void upsert(const caredesk::console::CaregiverAccountRow &row);
    const QList<CaregiverAccountRow> &rows() const { return m_rows; }
    const CaregiverAccountRow *account(qint64 id) const;
    // Milliseconds since the epoch, for whether an invitation has expired.
    void setClock(std::function<qint64()> clock) { m_clock = std::move(clock); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString rolesText(const QStringList &roles);
    static QString statusText(const CaregiverAccountRow &row, qint64 nowMs);

private:
    QList<CaregiverAccountRow> m_rows;
    std::function<qint64()> m_clock;
};

} // namespace caredesk::console
