#include "models/LicenseTableModel.h"

#include "state/LicenseStanding.h"

#include <QBrush>
#include <QDateTime>

namespace caredesk::console {

namespace {
const QColor kLapsingBackground(0xfd, 0xf0, 0xc8);
const QColor kLapsingText(0x7c, 0x4a, 0x03);
const QColor kRejectedText(0xb9, 0x1c, 0x1c);
} // namespace

LicenseTableModel::LicenseTableModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void LicenseTableModel::setListing(const LicenseListing &listing) {
    beginResetModel();
    m_listing = listing;
    endResetModel();
}

void LicenseTableModel::upsert(const LicenseRow &license) {
    for (qsizetype i = 0; i < m_listing.licenses.size(); ++i) {
        if (m_listing.licenses[i].id != license.id)
            continue;
        m_listing.licenses[i] = license;
        emit dataChanged(index(static_cast<int>(i), 0),
                         index(static_cast<int>(i), ColumnCount - 1));
        return;
    }
    const int last = static_cast<int>(m_listing.licenses.size());
    beginInsertRows({}, last, last);
    m_listing.licenses.append(license);
    endInsertRows();
}

const LicenseRow *LicenseTableModel::license(qint64 id) const {
    for (const LicenseRow &row : m_listing.licenses) {
        if (row.id == id)
            return &row;
    }
    return nullptr;
}

void LicenseTableModel::setToday(const QDate &today) {
    m_today = today;
    if (!m_listing.licenses.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QDate LicenseTableModel::today() const {
    return m_today.isValid() ? m_today : QDate::currentDate();
}

bool LicenseTableModel::lapsesSoon(const LicenseRow &license) const {
    return LicenseStanding::lapsesSoon(license, today(), m_listing.warnWithinDays);
}

int LicenseTableModel::lapsingCount() const {
    return LicenseStanding::lapsingCount(m_listing, today());
}

int LicenseTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_listing.licenses.size());
}

int LicenseTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString LicenseTableModel::statusText(const QString &status) {
    if (status == QLatin1String("pending"))
        return tr("Pending review");
    if (status == QLatin1String("verified"))
        return tr("Verified");
    if (status == QLatin1String("rejected"))
        return tr("Rejected");
    return status;
}

QVariant LicenseTableModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const LicenseRow &row = m_listing.licenses[index.row()];
    const bool lapsing = lapsesSoon(row);
    switch (role) {
    case RowRole:
        return QVariant::fromValue(row);
    case IdRole:
        return row.id;
    case LapsesSoonRole:
        return lapsing;
    case Qt::BackgroundRole:
        return lapsing ? QVariant(QBrush(kLapsingBackground)) : QVariant();
    case Qt::ForegroundRole:
        if (lapsing)
            return QBrush(kLapsingText);
        if (index.column() == StatusColumn && row.status == QLatin1String("rejected"))
            return QBrush(kRejectedText);
        return {};
    case Qt::ToolTipRole:
        if (lapsing)
            return tr("Lapses within %n day(s): renew it, or patients in %1 are no longer routed "
                      "to %2 once it does.",
                      nullptr, m_listing.warnWithinDays)
                .arg(row.state, row.caregiverName);
        return row.reviewNote.isEmpty() ? QVariant() : QVariant(row.reviewNote);
    case SortRole:
        switch (index.column()) {
        case ProviderColumn:
            return row.caregiverName.toCaseFolded();
        case IssuedColumn:
            return row.issuedOn;
        case ExpiresColumn:
            return row.expiresOn;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case ProviderColumn:
        return row.caregiverName;
    case StateColumn:
        return row.state;
    case NumberColumn:
        return row.number;
    case TypeColumn:
        return row.type;
    case IssuedColumn:
        return row.issuedOn.isValid() ? row.issuedOn.toString(Qt::ISODate) : QString();
    case ExpiresColumn: {
        const QString date = row.expiresOn.toString(Qt::ISODate);
        const qint64 left = LicenseStanding::daysLeft(row, today());
        if (left < 0)
            return tr("%1 (expired)").arg(date);
        if (lapsing)
            return left == 0 ? tr("%1 (last day)").arg(date)
                             : tr("%1 (in %n day(s))", nullptr, static_cast<int>(left)).arg(date);
        return date;
    }
    case StatusColumn:
        return statusText(row.status);
    case ReviewedColumn:
        if (row.reviewedBy.isEmpty())
            return QString();
        if (!row.reviewedAtMs)
            return row.reviewedBy;
        return tr("%1, %2").arg(row.reviewedBy, QDateTime::fromMSecsSinceEpoch(*row.reviewedAtMs)
                                                    .toLocalTime()
                                                    .toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    case InForceColumn:
        return row.inForce ? tr("Yes") : tr("No");
    default:
        return {};
    }
}

QVariant LicenseTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ProviderColumn:
        return tr("Provider");
    case StateColumn:
        return tr("State");
    case NumberColumn:
        return tr("Number");
    case TypeColumn:
        return tr("Type");
    case IssuedColumn:
        return tr("Issued");
    case ExpiresColumn:
        return tr("Expires");
    case StatusColumn:
        return tr("Status");
    case ReviewedColumn:
        return tr("Reviewed by, at");
    case InForceColumn:
        return tr("In force");
    default:
        return {};
    }
}

} // namespace caredesk::console
