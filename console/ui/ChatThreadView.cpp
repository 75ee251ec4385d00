#include "ui/ChatThreadView.h"

#include "domain/VisitStatus.h"
#include "models/ChatMessageModel.h"
#include "models/VisitTableModel.h"
#include "protocol/ChatMessages.h"
#include "state/ChatConversation.h"
#include "state/ChatThreadStore.h"
#include "ui/BannerView.h"
#include "ui/ChatComposer.h"
#include "ui/ChatMessageDelegate.h"

#include <QApplication>
#include <QClipboard>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

namespace caredesk::console {

namespace {
// The counter appears when a message gets close to the limit.
constexpr int kCounterFrom = 3600;
constexpr int kMaxCharacters = static_cast<int>(protocol::kMaxChatCharacters);
const QString kNoteStyle = QStringLiteral(
    "QPlainTextEdit { background: #FFF4D6; border: 1px dashed #D97706; }");

// Characters as the server counts them: code points, not UTF-16 units.
int characterCount(const QString &text) {
    return static_cast<int>(text.toUcs4().size());
}
} // namespace

ChatThreadView::ChatThreadView(ChatConversation &conversation, ChatThreadStore &threads,
                               QWidget *parent)
    : QWidget(parent)
    , m_conversation(conversation)
    , m_threads(threads)
    , m_model(new ChatMessageModel(conversation, this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_claim(new QPushButton(tr("Claim"), this))
    , m_transfer(new QPushButton(tr("Transfer…"), this))
    , m_close(new QToolButton(this))
    , m_banner(new BannerView(this))
    , m_messages(new QListView(this))
    , m_typing(new QLabel(this))
    , m_readOnly(new QLabel(tr("This visit is over; its chat is read-only."), this))
    , m_note(new QToolButton(this))
    , m_composer(new ChatComposer(this))
    , m_counter(new QLabel(this))
    , m_send(new QPushButton(tr("Send"), this)) {
    setObjectName(QStringLiteral("chatThread-%1").arg(conversation.visitId()));
    m_delegate = new ChatMessageDelegate(m_messages);

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.1);
    m_title->setFont(titleFont);
    m_title->setTextFormat(Qt::PlainText);
    m_subtitle->setTextFormat(Qt::PlainText);
    m_subtitle->setObjectName(QStringLiteral("chatSubtitle"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_claim->setObjectName(QStringLiteral("claimChat"));
    m_claim->setToolTip(tr("Take this chat from the pool: you answer the patient"));
    m_transfer->setObjectName(QStringLiteral("transferChat"));
    m_transfer->setToolTip(tr("Hand this chat to a colleague or back to the pool"));
    m_close->setObjectName(QStringLiteral("closeChat"));
    m_close->setText(QStringLiteral("✕"));
    m_close->setAutoRaise(true);
    m_close->setToolTip(tr("Close this chat (Ctrl+W); the patient is not told"));

    m_messages->setObjectName(QStringLiteral("chatMessages"));
    m_messages->setModel(m_model);
    m_messages->setItemDelegate(m_delegate);
    m_messages->setResizeMode(QListView::Adjust);
    m_messages->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_messages->setSelectionMode(QAbstractItemView::SingleSelection);
    m_messages->setUniformItemSizes(false);
    m_messages->setWordWrap(true);
    m_messages->setFrameShape(QFrame::NoFrame);
    m_messages->setContextMenuPolicy(Qt::CustomContextMenu);
    m_messages->setBackgroundRole(QPalette::Base);

    m_typing->setObjectName(QStringLiteral("chatTyping"));
    m_typing->setTextFormat(Qt::PlainText);
    QFont quiet = m_typing->font();
    quiet.setItalic(true);
    m_typing->setFont(quiet);
    m_typing->setForegroundRole(QPalette::PlaceholderText);
    m_readOnly->setObjectName(QStringLiteral("chatReadOnly"));
    m_readOnly->setWordWrap(true);

    m_note->setObjectName(QStringLiteral("noteMode"));
    m_note->setText(tr("Note"));
    m_note->setCheckable(true);
    m_note->setToolTip(tr("Write an internal note: only caregivers see it (Ctrl+Shift+N)"));
    m_composer->setObjectName(QStringLiteral("chatComposer"));
    m_counter->setObjectName(QStringLiteral("chatCounter"));
    m_send->setObjectName(QStringLiteral("sendChat"));
    m_send->setDefault(false);
    m_send->setAutoDefault(false);

    auto *header = new QHBoxLayout;
    auto *names = new QVBoxLayout;
    names->setSpacing(0);
    names->addWidget(m_title);
    names->addWidget(m_subtitle);
    header->addLayout(names, 1);
    header->addWidget(m_claim);
    header->addWidget(m_transfer);
    header->addWidget(m_close);

    auto *composerRow = new QHBoxLayout;
    composerRow->addWidget(m_note, 0, Qt::AlignBottom);
    composerRow->addWidget(m_composer, 1);
    auto *sendColumn = new QVBoxLayout;
    sendColumn->addStretch();
    sendColumn->addWidget(m_counter, 0, Qt::AlignRight);
    sendColumn->addWidget(m_send);
    composerRow->addLayout(sendColumn);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_banner);
    layout->addWidget(m_messages, 1);
    layout->addWidget(m_typing);
    layout->addWidget(m_readOnly);
    layout->addLayout(composerRow);

    connect(m_send, &QPushButton::clicked, this, &ChatThreadView::submit);
    connect(m_composer, &ChatComposer::submitted, this, &ChatThreadView::submit);
    connect(m_composer, &ChatComposer::typing, this, [this] {
        if (!m_note->isChecked()) // a note is not the patient's business
            emit typingRequested(visitId());
    });
    connect(m_composer, &ChatComposer::cannedRequested, this,
            [this](const QString &filter) { emit cannedRequested(visitId(), filter); });
    connect(m_composer, &QPlainTextEdit::textChanged, this, &ChatThreadView::updateCounter);
    connect(m_note, &QToolButton::toggled, this, &ChatThreadView::setNoteMode);
    connect(m_claim, &QPushButton::clicked, this, [this] { emit claimRequested(visitId()); });
    connect(m_transfer, &QPushButton::clicked, this, [this] { emit transferRequested(visitId()); });
    connect(m_close, &QToolButton::clicked, this, [this] { emit closeRequested(visitId()); });
    auto *noteShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_N), this);
    noteShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(noteShortcut, &QShortcut::activated, m_note, &QToolButton::toggle);

    connect(m_messages, &QListView::doubleClicked, this, [this](const QModelIndex &index) {
        const auto line = index.data(ChatMessageModel::LineRole).value<ChatLine>();
        if (line.delivery == ChatLine::Delivery::Failed)
            emit retryRequested(visitId(), line.clientMessageId);
    });
    connect(m_messages, &QWidget::customContextMenuRequested, this,
            &ChatThreadView::showContextMenu);

    // Scrolling: stay with the newest while there; hold still otherwise.
    QScrollBar *bar = m_messages->verticalScrollBar();
    connect(bar, &QScrollBar::rangeChanged, this, &ChatThreadView::onRangeChanged);
    connect(bar, &QScrollBar::valueChanged, this, [this, bar](int value) {
        m_atNewest = value >= bar->maximum() - 4;
        m_distanceFromBottom = bar->maximum() - value;
        if (value == bar->minimum() && bar->maximum() > 0 && m_conversation.hasOlder())
            emit loadOlderRequested(visitId());
        if (m_atNewest)
            updateRead();
    });
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this,
            [this](const QModelIndex &, int first) {
                m_olderArriving = first == 0 && m_model->rowCount() > 0;
            });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_atNewest)
            m_messages->scrollToBottom();
        updateRead();
    });

    connect(&m_conversation, &ChatConversation::detailsChanged, this,
            &ChatThreadView::refreshDetails);
    connect(&m_threads, &ChatThreadStore::threadChanged, this, [this](int row) {
        if (m_threads.threads()[static_cast<std::size_t>(row)].visitId == visitId())
            refreshHeader();
    });
    connect(&m_threads, &ChatThreadStore::threadsAdded, this, &ChatThreadView::refreshHeader);
    connect(&m_threads, &ChatThreadStore::reset, this, &ChatThreadView::refreshHeader);

    m_composer->installEventFilter(this);
    m_messages->installEventFilter(this);
    setFocusProxy(m_composer);
    refreshHeader();
    refreshDetails();
    updateCounter();
}

ChatThreadView::~ChatThreadView() = default;

qint64 ChatThreadView::visitId() const {
    return m_conversation.visitId();
}

void ChatThreadView::setCaregiver(qint64 caregiverId, bool staff) {
    m_caregiverId = caregiverId;
    m_staff = staff;
    m_delegate->setCaregiverId(caregiverId);
    m_messages->viewport()->update();
    refreshHeader();
}

QString ChatThreadView::title() const {
    if (const ChatThreadRow *thread = m_threads.thread(visitId()))
        return thread->firstName();
    return tr("Visit %1").arg(visitId());
}

QString ChatThreadView::headerText() const {
    return m_title->text() + QLatin1Char('\n') + m_subtitle->text();
}

QString ChatThreadView::typingText() const {
    return m_typing->text();
}

QString ChatThreadView::bannerText() const {
    return m_banner->isVisible() ? m_banner->text() : QString();
}

bool ChatThreadView::isAtNewest() const {
    return m_atNewest;
}

void ChatThreadView::refreshHeader() {
    const ChatThreadRow *thread = m_threads.thread(visitId());
    if (!thread) {
        m_title->setText(tr("Visit %1").arg(visitId()));
        m_subtitle->setText(m_conversation.isReadOnly() ? tr("Visit over") : QString());
        m_claim->setVisible(false);
        m_transfer->setVisible(false);
        return;
    }
    m_title->setText(thread->patientName);
    m_delegate->setPatientName(thread->firstName());
    QStringList parts;
    parts.append(thread->state);
    if (domain::isTerminal(thread->status)) {
        parts.append(VisitTableModel::statusText(static_cast<int>(thread->status)));
    } else {
        parts.append(tr("waiting since %1")
                         .arg(QLocale().toString(
                             QDateTime::fromMSecsSinceEpoch(thread->requestedAtMs).toLocalTime().time(),
                             QLocale::ShortFormat)));
    }
    if (!thread->ownerId)
        parts.append(tr("unclaimed"));
    else if (*thread->ownerId == m_caregiverId)
        parts.append(tr("with you"));
    else
        parts.append(tr("with %1").arg(thread->ownerName));
    m_subtitle->setText(parts.join(QStringLiteral(" · ")));
    const bool open = !domain::isTerminal(thread->status) && !m_conversation.isReadOnly();
    m_claim->setVisible(m_staff && open && !thread->ownerId);
    m_transfer->setVisible(m_staff && open);
}

void ChatThreadView::refreshDetails() {
    const QString party = m_conversation.typingParty();
    if (party.isEmpty())
        m_typing->setText(QStringLiteral(" "));
    else if (party == QLatin1String("patient"))
        m_typing->setText(tr("%1 is typing…").arg(title()));
    else
        m_typing->setText(tr("%1 is typing…").arg(party));
    const bool readOnly = m_conversation.isReadOnly();
    m_readOnly->setVisible(readOnly);
    m_composer->setEnabled(!readOnly);
    m_note->setEnabled(!readOnly);
    m_send->setEnabled(!readOnly);
    if (readOnly) {
        m_claim->setVisible(false);
        m_transfer->setVisible(false);
    }
    // Nothing to scroll yet and more history on the server: fetch it.
    if (m_conversation.isLoaded() && m_conversation.hasOlder() &&
        m_messages->verticalScrollBar()->maximum() == 0 && m_model->rowCount() > 0)
        emit loadOlderRequested(visitId());
}

void ChatThreadView::onRangeChanged(int, int maximum) {
    QScrollBar *bar = m_messages->verticalScrollBar();
    if (m_atNewest)
        bar->setValue(maximum);
    else if (m_olderArriving)
        bar->setValue(maximum - m_distanceFromBottom); // the same message stays in view
    m_olderArriving = false;
}

void ChatThreadView::submit() {
    if (m_conversation.isReadOnly())
        return;
    if (const auto shortcut = m_composer->shortcutTyped()) {
        // "/wait" is a request for a canned response, never a message.
        emit cannedRequested(visitId(), *shortcut);
        return;
    }
    QString body = m_composer->toPlainText();
    while (!body.isEmpty() && body.back().isSpace())
        body.chop(1);
    if (body.trimmed().isEmpty())
        return;
    if (characterCount(body) > kMaxCharacters) {
        showError(tr("Too long: a message has at most %L1 characters; this one has %L2.")
                      .arg(kMaxCharacters)
                      .arg(characterCount(body)));
        return;
    }
    const auto kind = m_note->isChecked() ? ChatLine::Kind::Note : ChatLine::Kind::Text;
    m_composer->clear();
    m_atNewest = true; // one's own message is always shown
    emit sendRequested(visitId(), kind, body);
    if (kind == ChatLine::Kind::Note)
        m_note->setChecked(false); // the next message goes to the patient again
}

void ChatThreadView::insertText(const QString &text) {
    if (m_composer->shortcutTyped())
        m_composer->setPlainText(text);
    else
        m_composer->insertPlainText(text);
    m_composer->moveCursor(QTextCursor::End);
    m_composer->setFocus();
}

void ChatThreadView::showError(const QString &text) {
    m_banner->showMessage(BannerView::Kind::Error, text);
}

void ChatThreadView::updateRead() {
    if (!isVisible() || !window()->isActiveWindow() || !m_atNewest)
        return;
    const qint64 newest = m_conversation.newestSeq();
    if (newest > 0)
        emit readRequested(visitId(), newest);
}

void ChatThreadView::focusComposer() {
    m_composer->setFocus(Qt::ShortcutFocusReason);
}

void ChatThreadView::setNoteMode(bool note) {
    if (m_note->isChecked() != note) {
        m_note->setChecked(note); // comes back here through toggled
        return;
    }
    m_composer->setStyleSheet(note ? kNoteStyle : QString());
    m_composer->setPlaceholderText(note ? tr("Internal note: only caregivers see this.")
                                        : tr("Write a message. Enter sends, Shift+Enter for a "
                                             "new line, / or Ctrl+K for canned responses."));
    m_send->setText(note ? tr("Add note") : tr("Send"));
}

bool ChatThreadView::isNoteMode() const {
    return m_note->isChecked();
}

void ChatThreadView::updateCounter() {
    const int count = characterCount(m_composer->toPlainText());
    m_counter->setVisible(count >= kCounterFrom);
    m_counter->setText(tr("%L1 / %L2").arg(count).arg(kMaxCharacters));
    m_counter->setStyleSheet(count > kMaxCharacters ? QStringLiteral("color: #DC2626;")
                                                    : QString());
}

void ChatThreadView::showContextMenu(const QPoint &position) {
    const QModelIndex index = m_messages->indexAt(position);
    if (!index.isValid())
        return;
    const auto line = index.data(ChatMessageModel::LineRole).value<ChatLine>();
    QMenu menu(this);
    menu.addAction(tr("Copy text"), this,
                   [body = line.body] { QApplication::clipboard()->setText(body); });
    if (line.delivery == ChatLine::Delivery::Failed) {
        menu.addAction(tr("Try again"), this,
                       [this, id = line.clientMessageId] { emit retryRequested(visitId(), id); });
        menu.addAction(tr("Discard"), this,
                       [this, id = line.clientMessageId] { emit discardRequested(visitId(), id); });
    }
    menu.exec(m_messages->viewport()->mapToGlobal(position));
}

void ChatThreadView::showEvent(QShowEvent *event) {
    QWidget::showEvent(event);
    if (m_atNewest)
        m_messages->scrollToBottom();
    updateRead();
}

void ChatThreadView::changeEvent(QEvent *event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::ActivationChange)
        updateRead(); // back at the console: what is on screen now counts as read
}

bool ChatThreadView::eventFilter(QObject *watched, QEvent *event) {
    if (event->type() == QEvent::FocusIn && (watched == m_composer || watched == m_messages))
        emit activated(visitId());
    return QWidget::eventFilter(watched, event);
}

} // namespace caredesk::console
