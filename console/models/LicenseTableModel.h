#pragma once

#include "state/LicenseRow.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QList>

namespace caredesk::console {

// State licenses as a table for admins. Licenses in force that lapse within
// the server's warning window are highlighted and counted.
class LicenseTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        ProviderColumn,
        StateColumn,
        NumberColumn,
        TypeColumn,
        IssuedColumn,
        ExpiresColumn,
        StatusColumn,
        ReviewedColumn,
        InForceColumn,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        RowRole = Qt::UserRole + 1,
        IdRole,
        LapsesSoonRole, // bool
        SortRole,
    };

    explicit LicenseTableModel(QObject *parent = nullptr);

    void setListing(const caredesk::console::LicenseListing &listing);
    // Replaces the license with the same id, or appends it.
    void upsert(const caredesk::console::LicenseRow &license);
    const LicenseListing &listing() const { return m_listing; }
    const LicenseRow *license(qint64 id) const;
    int warnWithinDays() const { return m_listing.warnWithinDays; }
    // In force and lapsing within warnWithinDays of today.
    int lapsingCount() const;
    bool lapsesSoon(const LicenseRow &license) const;
    // The day counted from (today's date unless set, for tests).
    void setToday(const QDate &today);
    QDate today() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    static QString statusText(const QString &status);

private:
    LicenseListing m_listing;
    QDate m_today; // invalid: the current date
};

} // namespace caredesk::console
