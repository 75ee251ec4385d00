#include "ui/StateSettingsView.h"

#include "state/ProtocolText.h"
#include "models/StateSettingsTableModel.h"
#include "state/SessionState.h"
#include "state/StateSettingsStore.h"
#include "ui/StateScheduleEditor.h"

#include <QAction>
#include <QCloseEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace caredesk::console {

namespace {

const QColor kProblemText(0xb0, 0x00, 0x20);
const QColor kDoneText(0x1e, 0x7b, 0x34);

// Where a field path points, for a person: "Monday, opening 2", "Holiday 3".
QString placeOf(const QString &path) {
    QString field = path;
    if (field.startsWith(QLatin1String("body.")))
        field.remove(0, 5);
    static const QRegularExpression weekly(QStringLiteral("^weekly\\.([a-z]+)(?:\\[(\\d+)\\])?"));
    static const QRegularExpression dated(
        QStringLiteral("^(closures|specialHours)\\[(\\d+)\\](?:\\.hours\\[(\\d+)\\])?"));
    if (const auto match = weekly.match(field); match.hasMatch()) {
        QString day = match.captured(1);
        day[0] = day[0].toUpper();
        if (match.captured(2).isEmpty())
            return day;
        return StateSettingsView::tr("%1, opening %2").arg(day).arg(match.captured(2).toInt() + 1);
    }
    if (const auto match = dated.match(field); match.hasMatch()) {
        const int row = match.captured(2).toInt() + 1;
        const QString place = match.captured(1) == QLatin1String("closures")
                                  ? StateSettingsView::tr("Holiday %1").arg(row)
                                  : StateSettingsView::tr("Special day %1").arg(row);
        if (match.captured(3).isEmpty())
            return place;
        return StateSettingsView::tr("%1, opening %2")
            .arg(place)
            .arg(match.captured(3).toInt() + 1);
    }
    if (field == QLatin1String("timeZone"))
        return StateSettingsView::tr("Time zone");
    if (field == QLatin1String("queueCap"))
        return StateSettingsView::tr("Queue cap");
    if (field == QLatin1String("busyMaxPerHour"))
        return StateSettingsView::tr("Busy limit");
    if (field == QLatin1String("enabled"))
        return StateSettingsView::tr("Offer visits");
    return {};
}

// The schedule checks name ranges as "monday[1]" or "2026-12-24[0]": put
// those in words too.
QString inWords(QString message) {
    static const QRegularExpression range(QStringLiteral(
        "\\b(sunday|monday|tuesday|wednesday|thursday|friday|saturday|\\d{4}-\\d{2}-\\d{2})"
        "\\[(\\d+)\\]"));
    QRegularExpressionMatch match;
    while ((match = range.match(message)).hasMatch()) {
        QString place = match.captured(1);
        place[0] = place[0].toUpper();
        message.replace(
            match.capturedStart(), match.capturedLength(),
            StateSettingsView::tr("%1 opening %2").arg(place).arg(match.captured(2).toInt() + 1));
    }
    return message;
}

QString statusWord(const std::string &status) {
    if (status == "open")
        return StateSettingsView::tr("open");
    if (status == "busy")
        return StateSettingsView::tr("busy");
    return StateSettingsView::tr("closed");
}

} // namespace

StateSettingsView::StateSettingsView(StateSettingsStore &store, SessionState &session,
                                     QWidget *parent)
    : QWidget(parent, Qt::Window)
    , m_store(store)
    , m_session(session)
    , m_model(new StateSettingsTableModel(store, this))
    , m_list(new QTableView(this))
    , m_loadStatus(new QLabel(this))
    , m_reload(new QPushButton(tr("&Reload"), this))
    , m_header(new QLabel(this))
    , m_details(new QLabel(this))
    , m_conflict(new QFrame(this))
    , m_conflictText(new QLabel(m_conflict))
    , m_message(new QLabel(this))
    , m_readOnlyNote(new QLabel(this))
    , m_editor(new StateScheduleEditor(this))
    , m_save(new QPushButton(tr("&Save"), this))
    , m_revert(new QPushButton(tr("Re&vert"), this)) {
    setObjectName(QStringLiteral("stateSettingsView"));
    setWindowTitle(tr("States: hours and limits[*]"));
    resize(1400, 820);

    m_discardQuestion = [this](const QString &name) {
        QMessageBox box(QMessageBox::Warning, tr("Unsaved changes"),
                        tr("Your changes to %1 are not saved.").arg(name), QMessageBox::NoButton,
                        this);
        box.setInformativeText(tr("Discard them?"));
        QPushButton *discard = box.addButton(tr("Discard changes"), QMessageBox::DestructiveRole);
        QPushButton *keep = box.addButton(tr("Keep editing"), QMessageBox::RejectRole);
        box.setDefaultButton(keep);
        box.exec();
        return box.clickedButton() == discard;
    };

    // The list of jurisdictions.
    m_list->setObjectName(QStringLiteral("stateList"));
    m_list->setAccessibleName(tr("States"));
    m_list->setModel(m_model);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setAlternatingRowColors(true);
    m_list->setShowGrid(false);
    m_list->setWordWrap(false);
    m_list->setTabKeyNavigation(false);
    m_list->verticalHeader()->hide();
    m_list->verticalHeader()->setDefaultSectionSize(m_list->fontMetrics().height() + 8);
    m_list->horizontalHeader()->setHighlightSections(false);
    m_list->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_loadStatus->setObjectName(QStringLiteral("loadStatus"));
    m_reload->setObjectName(QStringLiteral("reload"));
    m_reload->setToolTip(tr("Read every state's settings from the server again (F5)"));
    m_reload->setAutoDefault(false);

    auto *listHeading = new QLabel(tr("Jurisdictions"), this);
    QFont bold = listHeading->font();
    bold.setWeight(QFont::DemiBold);
    listHeading->setFont(bold);
    listHeading->setBuddy(m_list);
    auto *listTop = new QHBoxLayout;
    listTop->addWidget(listHeading);
    listTop->addWidget(m_loadStatus);
    listTop->addStretch(1);
    listTop->addWidget(m_reload);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(listTop);
    leftLayout->addWidget(m_list, 1);

    // The selected state's settings.
    m_header->setObjectName(QStringLiteral("stateHeader"));
    QFont big = m_header->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setWeight(QFont::DemiBold);
    m_header->setFont(big);
    m_header->setTextFormat(Qt::PlainText);
    m_details->setObjectName(QStringLiteral("stateDetails"));
    m_details->setTextFormat(Qt::PlainText);
    QPalette muted = m_details->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    m_details->setPalette(muted);

    m_conflict->setObjectName(QStringLiteral("conflict"));
    m_conflict->setFrameShape(QFrame::StyledPanel);
    m_conflict->setAutoFillBackground(true);
    QPalette warning = m_conflict->palette();
    warning.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xce));
    warning.setColor(QPalette::WindowText, QColor(0x3b, 0x2f, 0x00));
    m_conflict->setPalette(warning);
    m_conflictText->setObjectName(QStringLiteral("conflictText"));
    m_conflictText->setWordWrap(true);
    m_conflictText->setTextFormat(Qt::PlainText);
    auto *reloadTheirs = new QPushButton(tr("Reload their version"), m_conflict);
    reloadTheirs->setObjectName(QStringLiteral("reloadTheirs"));
    reloadTheirs->setToolTip(tr("Shows the saved settings; your unsaved changes are discarded"));
    reloadTheirs->setAutoDefault(false);
    auto *keepMine = new QPushButton(tr("Keep my changes"), m_conflict);
    keepMine->setObjectName(QStringLiteral("keepMine"));
    keepMine->setAutoDefault(false);
    auto *conflictLayout = new QHBoxLayout(m_conflict);
    conflictLayout->addWidget(m_conflictText, 1);
    conflictLayout->addWidget(reloadTheirs);
    conflictLayout->addWidget(keepMine);
    m_conflict->hide();
    connect(reloadTheirs, &QPushButton::clicked, this, [this] {
        m_conflict->hide();
        m_discardOnReload = true;
        emit reloadRequested();
    });
    connect(keepMine, &QPushButton::clicked, this, [this] {
        m_conflict->hide();
        showMessage(tr("Your changes are kept but not saved. Saving again is refused until you "
                       "reload; note them down first if you need them."),
                    true);
    });

    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextFormat(Qt::PlainText);
    m_message->hide();
    m_readOnlyNote->setObjectName(QStringLiteral("readOnlyNote"));
    m_readOnlyNote->setText(tr("Read only: only admins change state settings."));
    m_readOnlyNote->setPalette(muted);

    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("editorScroll"));
    scroll->setWidget(m_editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_save->setObjectName(QStringLiteral("save"));
    m_save->setToolTip(tr("Save this state's settings (Ctrl+S)"));
    m_save->setAutoDefault(false);
    m_revert->setObjectName(QStringLiteral("revert"));
    m_revert->setToolTip(tr("Discard the unsaved changes"));
    m_revert->setAutoDefault(false);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_readOnlyNote);
    buttons->addStretch(1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_save);

    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_header);
    rightLayout->addWidget(m_details);
    rightLayout->addWidget(m_conflict);
    rightLayout->addWidget(m_message);
    rightLayout->addWidget(scroll, 1);
    rightLayout->addLayout(buttons);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({660, 740});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 10, 10, 10);
    layout->addWidget(splitter);

    setTabOrder(m_list, m_reload);
    setTabOrder(m_reload, m_editor);

    auto *saveAction = new QAction(this);
    saveAction->setShortcut(QKeySequence::Save);
    saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(saveAction, &QAction::triggered, this, &StateSettingsView::save);
    addAction(saveAction);
    auto *reloadAction = new QAction(this);
    reloadAction->setShortcut(QKeySequence::Refresh);
    reloadAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(reloadAction, &QAction::triggered, this, &StateSettingsView::reload);
    addAction(reloadAction);

    connect(m_save, &QPushButton::clicked, this, &StateSettingsView::save);
    connect(m_revert, &QPushButton::clicked, this, &StateSettingsView::revert);
    connect(m_reload, &QPushButton::clicked, this, &StateSettingsView::reload);
    connect(m_editor, &StateScheduleEditor::edited, this, [this] {
        m_message->hide();
        updateButtons();
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &StateSettingsView::onCurrentRowChanged);
    connect(&m_store, &StateSettingsStore::reset, this, &StateSettingsView::onStoreReset);
    connect(&m_store, &StateSettingsStore::stateChanged, this, &StateSettingsView::onStateChanged);
    connect(&m_store, &StateSettingsStore::loadStatusChanged, this,
            &StateSettingsView::showLoadStatus);
    connect(&m_session, &SessionState::caregiverChanged, this, &StateSettingsView::updateRole);

    updateRole();
    showLoadStatus();
    onStoreReset();
}

void StateSettingsView::setDiscardQuestion(std::function<bool(const QString &)> question) {
    m_discardQuestion = std::move(question);
}

QString StateSettingsView::currentStateCode() const {
    return m_loaded ? fromStd(m_loaded->code) : QString();
}

QString StateSettingsView::stateName() const {
    return m_loaded ? fromStd(m_loaded->name) : QString();
}

bool StateSettingsView::hasUnsavedChanges() const {
    if (!m_loaded || !m_editable)
        return false;
    const auto reading = m_editor->read();
    return !reading.schedule || *reading.schedule != m_loaded->schedule;
}

QString StateSettingsView::messageText() const {
    return m_message->isHidden() ? QString() : m_message->text();
}

QString StateSettingsView::headerText() const {
    return m_header->text();
}

bool StateSettingsView::conflictShown() const {
    return !m_conflict->isHidden();
}

void StateSettingsView::openState(const QString &stateCode) {
    show();
    raise();
    activateWindow();
    if (stateCode.isEmpty() || stateCode == currentStateCode())
        return;
    if (m_store.row(stateCode) < 0) {
        m_wantedCode = stateCode; // selected when the list arrives
        return;
    }
    selectCode(stateCode); // asks before leaving unsaved changes
}

void StateSettingsView::selectCode(const QString &code) {
    const int row = m_store.row(code);
    if (row < 0)
        return;
    m_list->setCurrentIndex(m_model->index(row, 0));
    m_list->scrollTo(m_model->index(row, 0));
}

bool StateSettingsView::mayLeaveCurrent() {
    if (!hasUnsavedChanges())
        return true;
    return m_discardQuestion(stateName());
}

void StateSettingsView::onCurrentRowChanged(const QModelIndex &current, const QModelIndex &) {
    const QString code = current.data(StateSettingsTableModel::StateCodeRole).toString();
    if (code.isEmpty() || code == currentStateCode())
        return;
    if (m_saving || !mayLeaveCurrent()) {
        // Back to the state being edited, without asking again.
        const QSignalBlocker blocker(m_list->selectionModel());
        const int row = m_store.row(currentStateCode());
        if (row >= 0)
            m_list->selectionModel()->setCurrentIndex(m_model->index(row, 0),
                                                      QItemSelectionModel::ClearAndSelect |
                                                          QItemSelectionModel::Rows);
        m_list->viewport()->update();
        return;
    }
    if (const auto *state = m_store.state(code))
        loadState(*state);
}

void StateSettingsView::loadState(const protocol::StateSettings &settings) {
    m_loaded = settings;
    m_editor->load(settings);
    m_conflict->hide();
    m_message->hide();
    m_header->setText(tr("%1 (%2)").arg(fromStd(settings.name), fromStd(settings.code)));
    QString details =
        tr("Staff status: %1 · version %2").arg(statusWord(settings.status)).arg(settings.version);
    if (settings.changedBy || settings.changedAt)
        details += tr(" · last changed %1")
                       .arg(StateSettingsTableModel::changeText(
                                settings.version, settings.changedAt,
                                fromStd(settings.changedBy.value_or(std::string())))
                                .section(QStringLiteral(" · "), 1));
    m_details->setText(details);
    m_editor->setEnabled(true);
    if (const int row = m_store.row(currentStateCode()); row >= 0)
        m_list->scrollTo(m_model->index(row, 0));
    updateButtons();
}

void StateSettingsView::onStoreReset() {
    if (m_store.states().empty()) {
        if (!hasUnsavedChanges()) {
            m_loaded.reset();
            m_header->setText(tr("No state selected"));
            m_details->clear();
            m_editor->setEnabled(false);
        }
        updateButtons();
        return;
    }
    QString code = !m_wantedCode.isEmpty() ? m_wantedCode : currentStateCode();
    if (m_store.row(code) < 0)
        code = fromStd(m_store.states().front().code);
    m_wantedCode.clear();
    {
        const QSignalBlocker blocker(m_list->selectionModel());
        const QModelIndex index = m_model->index(m_store.row(code), 0);
        m_list->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
        m_list->scrollTo(index);
    }
    const protocol::StateSettings &state = *m_store.state(code);
    const bool sameState = code == currentStateCode();
    if (!sameState || m_discardOnReload || !hasUnsavedChanges()) {
        m_discardOnReload = false;
        loadState(state);
        return;
    }
    // The admin's edits stay; tell them when the saved version moved on.
    if (state.version != m_loaded->version)
        showMessage(tr("%1 was saved by someone else meanwhile (version %2). Your changes are "
                       "kept; saving them is refused until you reload.")
                        .arg(fromStd(state.name))
                        .arg(state.version),
                    true);
    updateButtons();
}

void StateSettingsView::onStateChanged(int row) {
    const auto &state = m_store.states()[static_cast<std::size_t>(row)];
    if (m_saving || fromStd(state.code) != currentStateCode() || hasUnsavedChanges())
        return;
    loadState(state);
}

void StateSettingsView::save() {
    if (!m_loaded || !m_editable || m_saving)
        return;
    m_editor->clearProblems();
    m_conflict->hide();
    const auto reading = m_editor->check();
    if (!reading.schedule) {
        m_editor->showProblems(reading.problems);
        const FieldProblem &first = reading.problems.front();
        const QString place = placeOf(first.field);
        const QString why = inWords(first.message);
        QString text = place.isEmpty() ? why : tr("%1: %2").arg(place, why);
        if (reading.problems.size() > 1)
            text += tr(" (and %1 more, marked)").arg(reading.problems.size() - 1);
        showMessage(tr("Not saved. %1").arg(text), true);
        return;
    }
    if (*reading.schedule == m_loaded->schedule) {
        showMessage(tr("Nothing to save: no changes."), false);
        return;
    }
    m_saving = true;
    showMessage(tr("Saving…"), false);
    updateButtons();
    emit saveRequested(currentStateCode(), m_loaded->version, *reading.schedule);
}

void StateSettingsView::showSaved(const QString &stateCode) {
    if (stateCode != currentStateCode())
        return;
    m_saving = false;
    if (const auto *state = m_store.state(stateCode))
        loadState(*state);
    showMessage(tr("Saved. %1 is at version %2 now.").arg(stateName()).arg(m_loaded->version),
                false);
}

void StateSettingsView::showSaveFailed(const QString &stateCode, const QString &code,
                                       const QString &message, const QString &field) {
    if (stateCode != currentStateCode())
        return;
    m_saving = false;
    updateButtons();
    if (code == QLatin1String("conflict")) {
        m_message->hide();
        m_conflictText->setText(
            tr("Someone else saved %1 after you opened it, so nothing of yours was saved. "
               "Reload to see their version (your changes here are discarded), or keep your "
               "changes on screen for now.")
                .arg(stateName()));
        m_conflict->show();
        return;
    }
    // The server's message starts with the field's path, shown here in words.
    QString why = message;
    if (!field.isEmpty() && why.startsWith(field))
        why = why.mid(field.size()).trimmed();
    if (why.startsWith(QLatin1Char(':')))
        why = why.mid(1).trimmed();
    why = why.isEmpty() ? code : inWords(why);
    const QString place = placeOf(field);
    if (!field.isEmpty() && m_editor->showProblems({{field, why}}))
        showMessage(place.isEmpty() ? tr("Not saved: %1").arg(why)
                                    : tr("Not saved. %1: %2").arg(place, why),
                    true);
    else
        showMessage(tr("Not saved: %1").arg(why), true);
}

void StateSettingsView::revert() {
    if (!m_loaded)
        return;
    const auto *state = m_store.state(currentStateCode());
    loadState(state ? *state : *m_loaded);
}

void StateSettingsView::reload() {
    if (hasUnsavedChanges()) {
        if (!m_discardQuestion(stateName()))
            return;
        m_discardOnReload = true;
    }
    emit reloadRequested();
}

void StateSettingsView::closeEvent(QCloseEvent *event) {
    if (!mayLeaveCurrent()) {
        event->ignore();
        return;
    }
    revert(); // opened again, it shows what is saved
    event->accept();
}

void StateSettingsView::showEvent(QShowEvent *event) {
    QWidget::showEvent(event);
    // Settings are not pushed: read them afresh each time the window opens.
    if (m_store.loadStatus() != StateSettingsStore::LoadStatus::Loading)
        emit reloadRequested();
}

void StateSettingsView::updateRole() {
    const auto &caregiver = m_session.caregiver();
    m_editable = caregiver && caregiver->hasRole(QStringLiteral("admin"));
    m_editor->setEditable(m_editable);
    m_save->setVisible(m_editable);
    m_revert->setVisible(m_editable);
    m_readOnlyNote->setVisible(!m_editable);
    if (!m_editable && m_loaded)
        loadState(*m_loaded); // nothing half-edited stays on screen
    updateButtons();
}

void StateSettingsView::updateButtons() {
    const bool dirty = hasUnsavedChanges();
    m_save->setEnabled(m_editable && m_loaded && !m_saving && dirty);
    m_revert->setEnabled(m_editable && m_loaded && !m_saving && dirty);
    m_editor->setEnabled(m_loaded.has_value() && !m_saving);
    m_list->setEnabled(!m_saving);
    setWindowModified(dirty);
}

void StateSettingsView::showLoadStatus() {
    QString text;
    switch (m_store.loadStatus()) {
    case StateSettingsStore::LoadStatus::NotLoaded:
        break;
    case StateSettingsStore::LoadStatus::Loading:
        text = tr("Loading…");
        break;
    case StateSettingsStore::LoadStatus::Loaded:
        text = tr("%1 jurisdictions").arg(m_store.states().size());
        break;
    case StateSettingsStore::LoadStatus::Failed:
        text = tr("Could not load: %1").arg(m_store.failure());
        break;
    }
    m_loadStatus->setText(text);
}

void StateSettingsView::showMessage(const QString &text, bool problem) {
    m_message->setText(text);
    QPalette colours = m_message->palette();
    colours.setColor(QPalette::WindowText, problem ? kProblemText : kDoneText);
    m_message->setPalette(colours);
    m_message->setVisible(!text.isEmpty());
}

} // namespace caredesk::console
