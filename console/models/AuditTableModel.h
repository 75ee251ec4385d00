#pragma once

#include "state/AuditRow.h"

#include <QAbstractTableModel>
#include <QList>

class QIODevice;

namespace caredesk::console {

// Audit events as a table, newest first, as the server listed them.
class AuditTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        TimeColumn,
        ActorColumn,
        ActionColumn,
        SubjectColumn,
        AddressColumn,
        DetailColumn,
        SealedColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role { RowRole = Qt::UserRole + 1 };

    explicit AuditTableModel(QObject *parent = nullptr);

    void setRows(const QList<caredesk::console::AuditRow> &rows);
    void appendRows(const QList<caredesk::console::AuditRow> &rows);
    const QList<AuditRow> &rows() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // RFC 4180 CSV with a header row; times in UTC (ISO 8601). A cell that a
    // spreadsheet would run as a formula (=, +, -, @) is written with a
    // leading apostrophe.
    static void writeCsv(const QList<AuditRow> &rows, QIODevice &out);
    static QString actorText(const AuditRow &row);
    static QString subjectText(const AuditRow &row);

private:
    QList<AuditRow> m_rows;
};

} // namespace caredesk::console
