#pragma once

#include "state/ImportOutcome.h"

#include <QAbstractTableModel>
#include <QList>

namespace caredesk::console {

// The lines of an import report: for each line of the file, what happens (or
// would happen) to its caregiver and license, or why it cannot be applied.
class ImportLineModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        LineColumn,
        UsernameColumn,
        CaregiverColumn,
        LicenseColumn,
        ResultColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role { LineNumberRole = Qt::UserRole + 1, HasErrorRole };

    explicit ImportLineModel(QObject *parent = nullptr);

    void setLines(const QList<caredesk::console::ImportLineRow> &lines);
    const QList<ImportLineRow> &lines() const { return m_lines; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString caregiverActionText(const QString &action);
    static QString licenseActionText(const QString &action);

private:
    QList<ImportLineRow> m_lines;
};

} // namespace caredesk::console
