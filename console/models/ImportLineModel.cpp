#include "models/ImportLineModel.h"

#include <QBrush>

namespace caredesk::console {

namespace {
const QColor kErrorBackground(0xfb, 0xe3, 0xe4);
const QColor kErrorText(0x84, 0x20, 0x29);
} // namespace

ImportLineModel::ImportLineModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void ImportLineModel::setLines(const QList<ImportLineRow> &lines) {
    beginResetModel();
    m_lines = lines;
    endResetModel();
}

int ImportLineModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_lines.size());
}

int ImportLineModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString ImportLineModel::caregiverActionText(const QString &action) {
    if (action == QLatin1String("create"))
        return tr("New account");
    if (action == QLatin1String("update"))
        return tr("Changed");
    if (action == QLatin1String("unchanged"))
        return tr("Unchanged");
    return action.isEmpty() ? QStringLiteral("—") : action;
}

QString ImportLineModel::licenseActionText(const QString &action) {
    if (action == QLatin1String("create"))
        return tr("New license");
    if (action == QLatin1String("update"))
        return tr("Changed");
    if (action == QLatin1String("unchanged"))
        return tr("Unchanged");
    if (action == QLatin1String("none"))
        return tr("No license on this line");
    return action.isEmpty() ? QStringLiteral("—") : action;
}

QVariant ImportLineModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ImportLineRow &line = m_lines[index.row()];
    const bool failed = !line.error.isEmpty();
    switch (role) {
    case LineNumberRole:
        return line.line;
    case HasErrorRole:
        return failed;
    case Qt::BackgroundRole:
        return failed ? QVariant(QBrush(kErrorBackground)) : QVariant();
    case Qt::ForegroundRole:
        return failed ? QVariant(QBrush(kErrorText)) : QVariant();
    case Qt::ToolTipRole:
        return failed ? QVariant(tr("Line %1: %2").arg(line.line).arg(line.error)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == LineColumn ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                            : QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case LineColumn:
        return line.line;
    case UsernameColumn:
        return line.username;
    case CaregiverColumn:
        return caregiverActionText(line.caregiver);
    case LicenseColumn:
        return licenseActionText(line.license);
    case ResultColumn:
        if (failed)
            return line.error;
        if (line.caregiver == QLatin1String("unchanged") &&
            (line.license == QLatin1String("unchanged") || line.license == QLatin1String("none")))
            return tr("Nothing to change");
        return tr("OK");
    default:
        return {};
    }
}

QVariant ImportLineModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LineColumn:
        return tr("Line");
    case UsernameColumn:
        return tr("Username");
    case CaregiverColumn:
        return tr("Account");
    case LicenseColumn:
        return tr("License");
    case ResultColumn:
        return tr("Result");
    default:
        return {};
    }
}

} // namespace caredesk::console
