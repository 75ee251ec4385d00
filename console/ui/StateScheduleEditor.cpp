#include "ui/StateScheduleEditor.h"

#include "domain/OperatingHours.h"
#include "models/OpeningHoursText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace caredesk::console {

namespace {

constexpr int kProblemRole = Qt::UserRole + 10;
const QColor kProblemBackground(0xfd, 0xe2, 0xe4);
const QString kProblemStyle = QStringLiteral("border: 2px solid #b00020; border-radius: 3px;");
constexpr int kNoCap = 0;    // the queue cap spin box's "no cap"
constexpr int kNoLimit = -1; // the busy limit spin box's "no limit"

QString weekdayKey(int day) {
    const auto name = domain::weekdayName(day);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

QString weekdayTitle(int day) {
    // Protocol order is Sunday first; Qt counts Monday = 1 .. Sunday = 7.
    return QLocale().dayName(day == 0 ? 7 : day);
}

// Dates as the protocol writes them, with the weekday for orientation.
class DateDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QString displayText(const QVariant &value, const QLocale &locale) const override {
        const QDate date = value.toDate();
        if (!date.isValid())
            return QStyledItemDelegate::displayText(value, locale);
        return date.toString(QStringLiteral("yyyy-MM-dd")) + QStringLiteral("  ") +
               locale.dayName(date.dayOfWeek(), QLocale::ShortFormat);
    }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &,
                          const QModelIndex &) const override {
        auto *editor = new QDateEdit(parent);
        editor->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        editor->setCalendarPopup(true);
        editor->setDateRange(QDate(1900, 1, 1), QDate(2100, 12, 31));
        return editor;
    }
};

// Openings typed as text; an empty day reads "Closed", greyed.
class OpeningsDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QString displayText(const QVariant &value, const QLocale &locale) const override {
        if (value.toString().trimmed().isEmpty())
            return StateScheduleEditor::tr("Closed");
        return QStyledItemDelegate::displayText(value, locale);
    }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override {
        QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
        if (auto *line = qobject_cast<QLineEdit *>(editor))
            line->setPlaceholderText(
                StateScheduleEditor::tr("08:00–20:00, 22:00–02:00 · empty: closed"));
        return editor;
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(Qt::EditRole).toString().trimmed().isEmpty())
            option->palette.setColor(QPalette::Text,
                                     option->palette.color(QPalette::PlaceholderText));
    }
};

QTableWidget *makeTable(int columns, const QStringList &headers, const QString &name,
                        QWidget *parent) {
    auto *table = new QTableWidget(0, columns, parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                           QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    table->setTabKeyNavigation(false); // Tab leaves the table, arrows move within it
    table->setWordWrap(false);
    table->horizontalHeader()->setHighlightSections(false);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QTableWidgetItem *fixedItem(const QString &text) {
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

QTableWidgetItem *dateItem(const QDate &date) {
    auto *item = new QTableWidgetItem;
    item->setData(Qt::EditRole, date);
    return item;
}

QDate dateOf(const std::string &text) {
    return QDate::fromString(QString::fromStdString(text), Qt::ISODate);
}

std::string isoDate(const QTableWidgetItem *item) {
    const QDate date = item ? item->data(Qt::EditRole).toDate() : QDate();
    return date.isValid() ? date.toString(Qt::ISODate).toStdString() : std::string();
}

QString textOf(const QTableWidgetItem *item) {
    return item ? item->data(Qt::EditRole).toString() : QString();
}

QPushButton *smallButton(const QString &text, const QString &name, QWidget *parent) {
    auto *button = new QPushButton(text, parent);
    button->setObjectName(name);
    button->setAutoDefault(false);
    return button;
}

} // namespace

StateScheduleEditor::StateScheduleEditor(QWidget *parent)
    : QWidget(parent)
    , m_enabled(new QCheckBox(tr("&Offer visits in this state"), this))
    , m_timeZone(new QComboBox(this))
    , m_weekly(makeTable(2, {tr("Day"), tr("Openings")}, QStringLiteral("weekly"), this))
    , m_closures(makeTable(2, {tr("Date"), tr("Note")}, QStringLiteral("closures"), this))
    , m_special(makeTable(2, {tr("Date"), tr("Openings")}, QStringLiteral("specialHours"), this))
    , m_addClosure(smallButton(tr("Add holiday"), QStringLiteral("addClosure"), this))
    , m_removeClosure(smallButton(tr("Remove"), QStringLiteral("removeClosure"), this))
    , m_addSpecial(smallButton(tr("Add special day"), QStringLiteral("addSpecialDay"), this))
    , m_removeSpecial(smallButton(tr("Remove"), QStringLiteral("removeSpecialDay"), this))
    , m_queueCap(new QSpinBox(this))
    , m_busyMax(new QSpinBox(this)) {
    setObjectName(QStringLiteral("stateScheduleEditor"));
    m_enabled->setObjectName(QStringLiteral("enabled"));
    m_enabled->setToolTip(tr("Patients can pick this state and request visits"));
    m_timeZone->setObjectName(QStringLiteral("timeZone"));
    m_timeZone->setAccessibleName(tr("Time zone"));
    m_timeZone->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    // Weekly hours: a row per weekday, Sunday first as the protocol has it.
    m_weekly->setRowCount(static_cast<int>(protocol::kWeekdays));
    for (int day = 0; day < static_cast<int>(protocol::kWeekdays); ++day) {
        m_weekly->setItem(day, 0, fixedItem(weekdayTitle(day)));
        m_weekly->setItem(day, 1, new QTableWidgetItem);
    }
    m_weekly->setAccessibleName(tr("Weekly hours"));
    m_weekly->setItemDelegateForColumn(1, new OpeningsDelegate(m_weekly));
    m_weekly->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    const int row = m_weekly->verticalHeader()->defaultSectionSize();
    m_weekly->setFixedHeight(m_weekly->horizontalHeader()->sizeHint().height() +
                             row * static_cast<int>(protocol::kWeekdays) +
                             2 * m_weekly->frameWidth() + 2);

    m_closures->setAccessibleName(tr("Holidays"));
    m_closures->setItemDelegateForColumn(0, new DateDelegate(m_closures));
    m_special->setAccessibleName(tr("Special days"));
    m_special->setItemDelegateForColumn(0, new DateDelegate(m_special));
    m_special->setItemDelegateForColumn(1, new OpeningsDelegate(m_special));
    const int dateWidth = fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00  Www")) + 24;
    for (QTableWidget *table : {m_closures, m_special}) {
        table->horizontalHeader()->resizeSection(0, dateWidth);
        table->setMinimumHeight(row * 5);
    }

    m_queueCap->setObjectName(QStringLiteral("queueCap"));
    m_queueCap->setRange(kNoCap, static_cast<int>(protocol::kMaxQueueCap));
    m_queueCap->setSpecialValueText(tr("No cap"));
    m_queueCap->setSuffix(tr(" visits in line"));
    m_queueCap->setToolTip(tr("Most visits in line at once; closing time limits the line anyway"));
    m_queueCap->setAccelerated(true);
    m_busyMax->setObjectName(QStringLiteral("busyMaxPerHour"));
    m_busyMax->setRange(kNoLimit, static_cast<int>(protocol::kMaxBusyPerHour));
    m_busyMax->setSpecialValueText(tr("No limit"));
    m_busyMax->setSuffix(tr(" new visits an hour"));
    m_busyMax->setToolTip(
        tr("While the state is busy, at most this many new visits in any hour; priority visits "
           "filed by staff pass"));
    m_busyMax->setAccelerated(true);

    // Layout.
    auto *zoneLabel = new QLabel(tr("&Time zone:"), this);
    zoneLabel->setBuddy(m_timeZone);
    auto *top = new QHBoxLayout;
    top->addWidget(m_enabled);
    top->addStretch(1);
    top->addWidget(zoneLabel);
    top->addWidget(m_timeZone);

    auto *weeklyBox = new QGroupBox(tr("Weekly hours, in the state's local time"), this);
    auto *weeklyHint =
        new QLabel(tr("Type openings like 08:00–20:00, 22:00–02:00. A closing time before the "
                      "opening runs past midnight; 08:00–08:00 is around the clock. Empty: "
                      "closed."),
                   weeklyBox);
    weeklyHint->setWordWrap(true);
    QPalette muted = weeklyHint->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    weeklyHint->setPalette(muted);
    auto *weeklyLayout = new QVBoxLayout(weeklyBox);
    weeklyLayout->addWidget(m_weekly);
    weeklyLayout->addWidget(weeklyHint);

    const auto datedBox = [this](const QString &title, QTableWidget *table, QPushButton *add,
                                 QPushButton *remove) {
        auto *box = new QGroupBox(title, this);
        auto *buttons = new QHBoxLayout;
        buttons->addWidget(add);
        buttons->addWidget(remove);
        buttons->addStretch(1);
        auto *layout = new QVBoxLayout(box);
        layout->addWidget(table, 1);
        layout->addLayout(buttons);
        return box;
    };
    auto *dated = new QHBoxLayout;
    dated->addWidget(
        datedBox(tr("Holidays: closed all day"), m_closures, m_addClosure, m_removeClosure), 1);
    dated->addWidget(
        datedBox(tr("Special days: other openings"), m_special, m_addSpecial, m_removeSpecial), 1);

    auto *limitsBox = new QGroupBox(tr("Intake limits"), this);
    auto *capLabel = new QLabel(tr("Queue &cap:"), limitsBox);
    capLabel->setBuddy(m_queueCap);
    auto *busyLabel = new QLabel(tr("While &busy, at most:"), limitsBox);
    busyLabel->setBuddy(m_busyMax);
    auto *limits = new QHBoxLayout(limitsBox);
    limits->addWidget(capLabel);
    limits->addWidget(m_queueCap);
    limits->addSpacing(24);
    limits->addWidget(busyLabel);
    limits->addWidget(m_busyMax);
    limits->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(weeklyBox);
    layout->addLayout(dated, 1);
    layout->addWidget(limitsBox);

    setTabOrder(m_enabled, m_timeZone);
    setTabOrder(m_timeZone, m_weekly);
    setTabOrder(m_weekly, m_closures);
    setTabOrder(m_closures, m_addClosure);
    setTabOrder(m_addClosure, m_removeClosure);
    setTabOrder(m_removeClosure, m_special);
    setTabOrder(m_special, m_addSpecial);
    setTabOrder(m_addSpecial, m_removeSpecial);
    setTabOrder(m_removeSpecial, m_queueCap);
    setTabOrder(m_queueCap, m_busyMax);

    // Changes by the person.
    const auto changed = [this] {
        if (!m_loading)
            emit edited();
    };
    connect(m_enabled, &QCheckBox::toggled, this, changed);
    connect(m_timeZone, &QComboBox::currentIndexChanged, this, changed);
    connect(m_queueCap, &QSpinBox::valueChanged, this, changed);
    connect(m_busyMax, &QSpinBox::valueChanged, this, changed);
    for (QTableWidget *table : {m_weekly, m_closures, m_special}) {
        connect(table, &QTableWidget::itemChanged, this, [this, changed](QTableWidgetItem *item) {
            if (m_loading)
                return;
            const bool wasLoading = std::exchange(m_loading, true);
            if (item->data(kProblemRole).toBool()) { // edited: the old problem may be gone
                item->setData(kProblemRole, false);
                item->setBackground(QBrush());
                item->setToolTip(QString());
            }
            // Openings typed loosely ("8-20") show as they are read, so the
            // person sees at once what will be saved.
            if (item->column() == 1 && item->tableWidget() != m_closures) {
                const auto reading = OpeningHoursText::read(item->text());
                if (reading.problem.isEmpty())
                    item->setText(OpeningHoursText::format(reading.hours));
            }
            m_loading = wasLoading;
            changed();
        });
    }
    connect(m_addClosure, &QPushButton::clicked, this, &StateScheduleEditor::addClosure);
    connect(m_addSpecial, &QPushButton::clicked, this, &StateScheduleEditor::addSpecialDay);
    connect(m_removeClosure, &QPushButton::clicked, this,
            [this] { removeSelectedRows(m_closures); });
    connect(m_removeSpecial, &QPushButton::clicked, this,
            [this] { removeSelectedRows(m_special); });
}

void StateScheduleEditor::load(const protocol::StateSettings &settings) {
    m_loading = true;
    clearProblems();
    const protocol::StateSchedule &schedule = settings.schedule;
    m_zones = settings.timeZones;
    m_timeZone->clear();
    for (const auto &zone : m_zones)
        m_timeZone->addItem(QString::fromStdString(zone));
    // A zone the state no longer allows still shows, so nothing changes unseen.
    if (m_timeZone->findText(QString::fromStdString(schedule.timeZone)) < 0)
        m_timeZone->addItem(QString::fromStdString(schedule.timeZone));
    m_timeZone->setCurrentText(QString::fromStdString(schedule.timeZone));
    m_enabled->setChecked(schedule.enabled);

    for (int day = 0; day < static_cast<int>(protocol::kWeekdays); ++day) {
        const auto at = static_cast<std::size_t>(day);
        m_weekly->item(day, 1)->setText(at < schedule.weekly.size()
                                            ? OpeningHoursText::format(schedule.weekly[at])
                                            : QString());
    }
    m_closures->setRowCount(0);
    for (const auto &closure : schedule.closures)
        appendClosure(closure);
    m_special->setRowCount(0);
    for (const auto &day : schedule.specialHours)
        appendSpecialDay(day);
    m_queueCap->setValue(schedule.queueCap ? static_cast<int>(*schedule.queueCap) : kNoCap);
    m_busyMax->setValue(schedule.busyMaxPerHour ? static_cast<int>(*schedule.busyMaxPerHour)
                                                : kNoLimit);
    m_loading = false;
}

void StateScheduleEditor::appendClosure(const protocol::StateClosure &closure) {
    const int row = m_closures->rowCount();
    m_closures->insertRow(row);
    m_closures->setItem(row, 0, dateItem(dateOf(closure.date)));
    m_closures->setItem(row, 1, new QTableWidgetItem(QString::fromStdString(closure.note)));
}

void StateScheduleEditor::appendSpecialDay(const protocol::SpecialHours &day) {
    const int row = m_special->rowCount();
    m_special->insertRow(row);
    m_special->setItem(row, 0, dateItem(dateOf(day.date)));
    m_special->setItem(row, 1, new QTableWidgetItem(OpeningHoursText::format(day.hours)));
}

StateScheduleEditor::Reading StateScheduleEditor::read() const {
    Reading reading;
    protocol::StateSchedule schedule;
    schedule.timeZone = m_timeZone->currentText().toStdString();
    schedule.enabled = m_enabled->isChecked();
    schedule.weekly.resize(protocol::kWeekdays);
    for (int day = 0; day < static_cast<int>(protocol::kWeekdays); ++day) {
        const auto openings = OpeningHoursText::read(textOf(m_weekly->item(day, 1)));
        if (!openings.problem.isEmpty()) {
            QString field = QStringLiteral("weekly.") + weekdayKey(day);
            if (openings.problemAt >= 0)
                field += QStringLiteral("[%1]").arg(openings.problemAt);
            reading.problems.push_back({field, openings.problem});
        }
        schedule.weekly[static_cast<std::size_t>(day)] = openings.hours;
    }
    for (int row = 0; row < m_closures->rowCount(); ++row) {
        const std::string date = isoDate(m_closures->item(row, 0));
        if (date.empty())
            reading.problems.push_back(
                {QStringLiteral("closures[%1].date").arg(row), tr("pick a date")});
        schedule.closures.push_back({date, textOf(m_closures->item(row, 1)).toStdString()});
    }
    for (int row = 0; row < m_special->rowCount(); ++row) {
        const std::string date = isoDate(m_special->item(row, 0));
        if (date.empty())
            reading.problems.push_back(
                {QStringLiteral("specialHours[%1].date").arg(row), tr("pick a date")});
        const auto openings = OpeningHoursText::read(textOf(m_special->item(row, 1)));
        if (!openings.problem.isEmpty()) {
            QString field = QStringLiteral("specialHours[%1].hours").arg(row);
            if (openings.problemAt >= 0)
                field += QStringLiteral("[%1]").arg(openings.problemAt);
            reading.problems.push_back({field, openings.problem});
        }
        schedule.specialHours.push_back({date, openings.hours});
    }
    if (m_queueCap->value() != kNoCap)
        schedule.queueCap = m_queueCap->value();
    if (m_busyMax->value() != kNoLimit)
        schedule.busyMaxPerHour = m_busyMax->value();
    if (reading.problems.empty())
        reading.schedule = std::move(schedule);
    return reading;
}

StateScheduleEditor::Reading StateScheduleEditor::check() const {
    Reading reading = read();
    if (!reading.schedule)
        return reading;
    reading.problems = checkSchedule(*reading.schedule, m_zones);
    if (!reading.problems.empty())
        reading.schedule.reset();
    return reading;
}

void StateScheduleEditor::setEditable(bool editable) {
    m_editable = editable;
    for (QWidget *widget : std::initializer_list<QWidget *>{
             m_enabled, m_timeZone, m_queueCap, m_busyMax, m_addClosure, m_removeClosure,
             m_addSpecial, m_removeSpecial})
        widget->setEnabled(editable);
    // Tables stay enabled so they can be read, scrolled and selected.
    for (QTableWidget *table : {m_weekly, m_closures, m_special})
        table->setEditTriggers(
            editable ? QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                           QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked
                     : QAbstractItemView::NoEditTriggers);
}

StateScheduleEditor::CellRef StateScheduleEditor::cellFor(const QString &path) const {
    QString field = path;
    if (field.startsWith(QLatin1String("body.")))
        field.remove(0, 5);
    static const QRegularExpression weekly(QStringLiteral("^weekly(?:\\.([a-z]+))?"));
    static const QRegularExpression dated(
        QStringLiteral("^(closures|specialHours)(?:\\[(\\d+)\\](?:\\.([a-zA-Z]+))?)?"));
    if (const auto match = weekly.match(field); match.hasMatch()) {
        int row = -1;
        for (int day = 0; day < static_cast<int>(protocol::kWeekdays); ++day) {
            if (weekdayKey(day) == match.captured(1))
                row = day;
        }
        return {m_weekly, row, 1};
    }
    if (const auto match = dated.match(field); match.hasMatch()) {
        QTableWidget *table =
            match.captured(1) == QLatin1String("closures") ? m_closures : m_special;
        bool ok = false;
        const int row = match.captured(2).toInt(&ok);
        const QString part = match.captured(3);
        const int column = part == QLatin1String("date") || part.isEmpty() ? 0 : 1;
        return {table, ok && row < table->rowCount() ? row : -1, column};
    }
    return {};
}

QWidget *StateScheduleEditor::widgetFor(const QString &path) const {
    if (const CellRef cell = cellFor(path); cell.table)
        return cell.table;
    QString field = path;
    if (field.startsWith(QLatin1String("body.")))
        field.remove(0, 5);
    if (field == QLatin1String("timeZone"))
        return m_timeZone;
    if (field == QLatin1String("enabled"))
        return m_enabled;
    if (field == QLatin1String("queueCap"))
        return m_queueCap;
    if (field == QLatin1String("busyMaxPerHour"))
        return m_busyMax;
    return nullptr;
}

bool StateScheduleEditor::showProblems(const std::vector<FieldProblem> &problems) {
    QWidget *first = nullptr;
    CellRef firstCell;
    for (const FieldProblem &problem : problems) {
        QWidget *widget = widgetFor(problem.field);
        if (!widget)
            continue;
        const CellRef cell = cellFor(problem.field);
        if (cell.table && cell.row >= 0) {
            QTableWidgetItem *item = cell.table->item(cell.row, cell.column);
            if (item) {
                const bool wasLoading = std::exchange(m_loading, true);
                item->setData(kProblemRole, true);
                item->setBackground(kProblemBackground);
                item->setToolTip(problem.message);
                m_loading = wasLoading;
            }
        } else if (!cell.table) {
            markWidget(widget, problem.message);
        }
        if (!first) {
            first = widget;
            firstCell = cell;
        }
    }
    if (!first)
        return false;
    first->setFocus(Qt::OtherFocusReason);
    if (firstCell.table && firstCell.row >= 0) {
        // Current without being selected: the selection colour would hide the mark.
        firstCell.table->clearSelection();
        firstCell.table->selectionModel()->setCurrentIndex(
            firstCell.table->model()->index(firstCell.row, firstCell.column),
            QItemSelectionModel::NoUpdate);
    }
    return true;
}

void StateScheduleEditor::markWidget(QWidget *widget, const QString &message) {
    widget->setStyleSheet(kProblemStyle);
    widget->setToolTip(message);
    if (!m_markedWidgets.contains(widget))
        m_markedWidgets.append(widget);
}

void StateScheduleEditor::clearProblems() {
    const bool wasLoading = std::exchange(m_loading, true);
    for (QTableWidget *table : {m_weekly, m_closures, m_special}) {
        for (int row = 0; row < table->rowCount(); ++row) {
            for (int column = 0; column < table->columnCount(); ++column) {
                QTableWidgetItem *item = table->item(row, column);
                if (item && item->data(kProblemRole).toBool()) {
                    item->setData(kProblemRole, false);
                    item->setBackground(QBrush());
                    item->setToolTip(QString());
                }
            }
        }
    }
    m_loading = wasLoading;
    for (QWidget *widget : std::as_const(m_markedWidgets)) {
        widget->setStyleSheet(QString());
        widget->setToolTip(QString());
    }
    m_markedWidgets.clear();
}

bool StateScheduleEditor::isMarked(const QWidget *table, int row, int column) const {
    for (const QTableWidget *candidate : {m_weekly, m_closures, m_special}) {
        if (candidate != table)
            continue;
        const QTableWidgetItem *item = candidate->item(row, column);
        return item && item->data(kProblemRole).toBool();
    }
    return m_markedWidgets.contains(const_cast<QWidget *>(table));
}

QDate StateScheduleEditor::nextFreeDate(const QTableWidget *table) const {
    QDate latest = QDate::currentDate().addDays(-1);
    for (int row = 0; row < table->rowCount(); ++row) {
        const QDate date =
            table->item(row, 0) ? table->item(row, 0)->data(Qt::EditRole).toDate() : QDate();
        if (date.isValid() && date > latest)
            latest = date;
    }
    return latest.addDays(1);
}

void StateScheduleEditor::addClosure() {
    appendClosure({nextFreeDate(m_closures).toString(Qt::ISODate).toStdString(), {}});
    const int row = m_closures->rowCount() - 1;
    m_closures->setFocus(Qt::OtherFocusReason);
    m_closures->setCurrentCell(row, 0);
    m_closures->editItem(m_closures->item(row, 0));
    emit edited();
}

void StateScheduleEditor::addSpecialDay() {
    appendSpecialDay({nextFreeDate(m_special).toString(Qt::ISODate).toStdString(), {}});
    const int row = m_special->rowCount() - 1;
    m_special->setFocus(Qt::OtherFocusReason);
    m_special->setCurrentCell(row, 0);
    m_special->editItem(m_special->item(row, 0));
    emit edited();
}

void StateScheduleEditor::removeSelectedRows(QTableWidget *table) {
    const int row = table->currentRow();
    if (row < 0)
        return;
    table->removeRow(row);
    if (table->rowCount() > 0)
        table->setCurrentCell(std::min(row, table->rowCount() - 1), 0);
    emit edited();
}

} // namespace caredesk::console
