#include "ui/StateTileMap.h"

#include "models/CoverageLook.h"
#include "models/CoverageTableModel.h"

#include <QAbstractItemModel>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <utility>

namespace caredesk::console {

namespace {

struct GridTile {
    const char *code;
    const char *name;
    int column;
    int row;
};

// The tile grid newsrooms use for the states: eleven columns, eight rows,
// every state one square where it roughly lies.
constexpr GridTile kStates[] = {
    {"AK", "Alaska", 0, 0},
    {"ME", "Maine", 10, 0},
    {"WI", "Wisconsin", 5, 1},
    {"VT", "Vermont", 9, 1},
    {"NH", "New Hampshire", 10, 1},
    {"WA", "Washington", 0, 2},
    {"ID", "Idaho", 1, 2},
    {"MT", "Montana", 2, 2},
    {"ND", "North Dakota", 3, 2},
    {"MN", "Minnesota", 4, 2},
    {"IL", "Illinois", 5, 2},
    {"MI", "Michigan", 6, 2},
    {"NY", "New York", 8, 2},
    {"MA", "Massachusetts", 9, 2},
    {"OR", "Oregon", 0, 3},
    {"NV", "Nevada", 1, 3},
    {"WY", "Wyoming", 2, 3},
    {"SD", "South Dakota", 3, 3},
    {"IA", "Iowa", 4, 3},
    {"IN", "Indiana", 5, 3},
    {"OH", "Ohio", 6, 3},
    {"PA", "Pennsylvania", 7, 3},
    {"NJ", "New Jersey", 8, 3},
    {"CT", "Connecticut", 9, 3},
    {"RI", "Rhode Island", 10, 3},
    {"CA", "California", 0, 4},
    {"UT", "Utah", 1, 4},
    {"CO", "Colorado", 2, 4},
    {"NE", "Nebraska", 3, 4},
    {"MO", "Missouri", 4, 4},
    {"KY", "Kentucky", 5, 4},
    {"WV", "West Virginia", 6, 4},
    {"VA", "Virginia", 7, 4},
    {"MD", "Maryland", 8, 4},
    {"DE", "Delaware", 9, 4},
    {"AZ", "Arizona", 1, 5},
    {"NM", "New Mexico", 2, 5},
    {"KS", "Kansas", 3, 5},
    {"AR", "Arkansas", 4, 5},
    {"TN", "Tennessee", 5, 5},
    {"NC", "North Carolina", 6, 5},
    {"SC", "South Carolina", 7, 5},
    {"DC", "District of Columbia", 8, 5},
    {"OK", "Oklahoma", 3, 6},
    {"LA", "Louisiana", 4, 6},
    {"MS", "Mississippi", 5, 6},
    {"AL", "Alabama", 6, 6},
    {"GA", "Georgia", 7, 6},
    {"HI", "Hawaii", 0, 7},
    {"TX", "Texas", 3, 7},
    {"FL", "Florida", 8, 7},
};

constexpr int kColumns = 11;
constexpr int kStateRows = 8;

// The territories get a row of their own under the states, the Pacific ones
// on the left, the Caribbean ones on the right; it shows only while one of
// them (or a code the grid does not know) is served.
constexpr int kExtraRow = kStateRows;
constexpr GridTile kTerritories[] = {
    {"GU", "Guam", 0, kExtraRow},
    {"MP", "Northern Mariana Islands", 1, kExtraRow},
    {"AS", "American Samoa", 2, kExtraRow},
    {"PR", "Puerto Rico", 9, kExtraRow},
    {"VI", "U.S. Virgin Islands", 10, kExtraRow},
};
constexpr int kFirstFreeExtraColumn = 3;
constexpr int kLastFreeExtraColumn = 8;

// Proportions of a cell (a tile and the gap around it).
constexpr qreal kGap = 0.08;
constexpr qreal kCorner = 0.12;
constexpr qreal kExtraRowGap = 0.35;
constexpr qreal kCodeFont = 0.32;
constexpr qreal kCountFont = 0.27;
// Below this tile size in pixels a tile shows its code only.
constexpr qreal kMinTileForCount = 26;
constexpr int kPreferredCell = 44;
constexpr int kMinimumCell = 18;
constexpr int kMaxCountShown = 99;

QString text(const char *latin1) {
    return QString::fromLatin1(latin1);
}

} // namespace

StateTileMap::StateTileMap(QWidget *parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("stateTileMap"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAccessibleName(tr("Coverage map"));
    rebuildRows();
}

void StateTileMap::setModel(QAbstractItemModel *model) {
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        // Rows come and go: the index of codes to rows is built again.
        connect(model, &QAbstractItemModel::modelReset, this, &StateTileMap::rebuildRows);
        connect(model, &QAbstractItemModel::layoutChanged, this, &StateTileMap::rebuildRows);
        connect(model, &QAbstractItemModel::rowsInserted, this, &StateTileMap::rebuildRows);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &StateTileMap::rebuildRows);
        connect(model, &QAbstractItemModel::rowsMoved, this, &StateTileMap::rebuildRows);
        connect(model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex &topLeft) {
            // Only whole-row changes move a tile's colour or count.
            if (topLeft.column() != 0)
                return;
            updateAccessibleDescription();
            update();
        });
    }
    rebuildRows();
}

void StateTileMap::setSelectedStates(const QSet<QString> &codes) {
    if (codes == m_selected)
        return;
    m_selected = codes;
    update();
}

QRectF StateTileMap::tileRect(const QString &code) const {
    return m_tileRects.value(code);
}

void StateTileMap::setCurrentState(const QString &code) {
    if (code == m_current || (!code.isEmpty() && rowOf(code) < 0))
        return;
    m_current = code;
    updateAccessibleDescription();
    update();
}

QVariant StateTileMap::value(const QString &code, int role) const {
    const int row = rowOf(code);
    if (!m_model || row < 0)
        return {};
    return m_model->index(row, 0).data(role);
}

QString StateTileMap::describe(const QString &code) const {
    if (rowOf(code) >= 0)
        return value(code, Qt::ToolTipRole).toString();
    for (const Tile &tile : m_tiles) {
        if (tile.code == code)
            return tr("%1 (%2): %3").arg(tile.name, tile.code, notOfferedLook().label.toLower());
    }
    return {};
}

QSize StateTileMap::sizeHint() const {
    const int legend = 2 * (fontMetrics().height() + 4);
    return {kColumns * kPreferredCell, kStateRows * kPreferredCell + legend};
}

QSize StateTileMap::minimumSizeHint() const {
    const int legend = 3 * (fontMetrics().height() + 4);
    return {kColumns * kMinimumCell, kStateRows * kMinimumCell + legend};
}

void StateTileMap::rebuildRows() {
    m_rows.clear();
    if (m_model) {
        for (int row = 0; row < m_model->rowCount(); ++row) {
            const QString code =
                m_model->index(row, 0).data(CoverageTableModel::StateCodeRole).toString();
            if (!code.isEmpty())
                m_rows.insert(code, row);
        }
    }
    m_tiles.clear();
    QSet<QString> placed;
    for (const GridTile &tile : kStates) {
        m_tiles.push_back({text(tile.code), text(tile.name), tile.column, tile.row});
        placed.insert(text(tile.code));
    }
    QStringList extra; // served, but not a state of the grid
    for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
        if (!placed.contains(it.key()))
            extra.append(it.key());
    }
    if (!extra.isEmpty()) {
        for (const GridTile &tile : kTerritories) {
            m_tiles.push_back({text(tile.code), text(tile.name), tile.column, tile.row});
            placed.insert(text(tile.code));
            extra.removeAll(text(tile.code));
        }
        // Codes the grid does not know fill the middle of the extra row; any
        // beyond it are listed in the table only.
        extra.sort();
        int column = kFirstFreeExtraColumn;
        for (const QString &code : std::as_const(extra)) {
            if (column > kLastFreeExtraColumn)
                break;
            const QString name = value(code, CoverageTableModel::StateNameRole).toString();
            m_tiles.push_back({code, name, column++, kExtraRow});
        }
    }
    if (!m_current.isEmpty() && rowOf(m_current) < 0)
        m_current.clear();
    relayout();
    updateAccessibleDescription();
    update();
}

void StateTileMap::relayout() {
    // Room around the tiles for the outline of a selected one.
    const QRectF area = QRectF(contentsRect()).adjusted(2, 2, -2, -2);
    if (area.width() <= 0 || area.height() <= 0) {
        m_tileRects.clear();
        m_legend.clear();
        return;
    }

    // The legend first, wrapped to the width, so the map takes what is left.
    const QFontMetricsF metrics(font());
    const qreal swatch = std::round(metrics.height() * 0.8);
    const qreal lineHeight = metrics.height() + 4;
    const qreal entrySpacing = metrics.horizontalAdvance(QLatin1Char('M')) * 1.5;
    std::vector<CoverageLook> looks;
    for (const StateCoverage coverage :
         {StateCoverage::Covered, StateCoverage::Unstaffed, StateCoverage::NoProviderFree,
          StateCoverage::Uncovered, StateCoverage::Closed})
        looks.push_back(coverageLook(coverage));
    looks.push_back(notOfferedLook());
    m_legend.clear();
    std::vector<std::vector<LegendEntry>> lines(1);
    std::vector<qreal> lineWidths(1, 0);
    for (const CoverageLook &look : looks) {
        const qreal labelWidth = metrics.horizontalAdvance(look.label);
        const qreal width = swatch + 4 + labelWidth;
        qreal &used = lineWidths.back();
        if (used > 0 && used + entrySpacing + width > area.width()) {
            lines.emplace_back();
            lineWidths.push_back(0);
        }
        qreal &x = lineWidths.back();
        if (x > 0)
            x += entrySpacing;
        LegendEntry entry;
        entry.swatch = QRectF(x, (lineHeight - swatch) / 2, swatch, swatch);
        entry.label = QRectF(x + swatch + 4, 0, labelWidth + 1, lineHeight);
        entry.fill = look.fill;
        entry.text = look.label;
        entry.explanation = look.explanation;
        lines.back().push_back(entry);
        x += width;
    }
    const qreal legendHeight = lineHeight * static_cast<qreal>(lines.size());
    const qreal legendGap = lineHeight / 2;

    const bool extraRow = std::any_of(m_tiles.begin(), m_tiles.end(),
                                      [](const Tile &tile) { return tile.row >= kExtraRow; });
    const qreal rowUnits = kStateRows + (extraRow ? 1 + kExtraRowGap : 0);
    const qreal mapHeight = std::max<qreal>(area.height() - legendHeight - legendGap, 0);
    const qreal cell = std::max<qreal>(std::min(area.width() / kColumns, mapHeight / rowUnits), 4);
    const qreal gap = std::max<qreal>(cell * kGap, 1.5);
    m_tileSize = cell - gap;
    const qreal gridWidth = cell * kColumns;
    const qreal gridHeight = cell * rowUnits;
    // The map and its legend as one block, centred in the widget.
    const qreal blockHeight = gridHeight + legendGap + legendHeight;
    const QPointF origin(area.left() + (area.width() - gridWidth) / 2,
                         area.top() + std::max<qreal>((area.height() - blockHeight) / 2, 0));
    m_tileRects.clear();
    for (const Tile &tile : m_tiles) {
        const qreal row = tile.row + (tile.row >= kExtraRow ? kExtraRowGap : 0);
        m_tileRects.insert(tile.code,
                           QRectF(origin.x() + tile.column * cell + gap / 2,
                                  origin.y() + row * cell + gap / 2, m_tileSize, m_tileSize));
    }
    qreal top = origin.y() + gridHeight + legendGap;
    for (std::size_t line = 0; line < lines.size(); ++line) {
        const qreal left = area.left() + (area.width() - lineWidths[line]) / 2;
        for (LegendEntry entry : lines[line]) {
            entry.swatch.translate(left, top);
            entry.label.translate(left, top);
            m_legend.push_back(entry);
        }
        top += lineHeight;
    }
}

const StateTileMap::Tile *StateTileMap::tileAt(const QPointF &point) const {
    for (const Tile &tile : m_tiles) {
        if (m_tileRects.value(tile.code).contains(point))
            return &tile;
    }
    return nullptr;
}

void StateTileMap::paintEvent(QPaintEvent *) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    for (const Tile &tile : m_tiles) {
        const QRectF rect = m_tileRects.value(tile.code);
        if (!rect.isEmpty())
            paintTile(painter, tile, rect);
    }

    // The states the queue board is narrowed to.
    const qreal outline = std::max<qreal>(m_tileSize * kGap * 0.9, 2.5);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(palette().color(QPalette::Highlight), outline));
    for (const QString &code : std::as_const(m_selected)) {
        const QRectF rect = m_tileRects.value(code);
        if (!rect.isEmpty())
            painter.drawRoundedRect(rect, m_tileSize * kCorner, m_tileSize * kCorner);
    }

    if (hasFocus() && !m_current.isEmpty()) {
        const QRectF rect = m_tileRects.value(m_current);
        const auto coverage =
            static_cast<StateCoverage>(value(m_current, CoverageTableModel::CoverageRole).toInt());
        QPen focus(coverageLook(coverage).text, 1.5, Qt::DashLine);
        painter.setPen(focus);
        const qreal inset = std::max<qreal>(m_tileSize * 0.08, 2.5);
        painter.drawRoundedRect(rect.adjusted(inset, inset, -inset, -inset),
                                m_tileSize * kCorner / 2, m_tileSize * kCorner / 2);
    }

    painter.setFont(font());
    const QColor border = palette().color(QPalette::Mid);
    for (const LegendEntry &entry : m_legend) {
        painter.setPen(QPen(border, 1));
        painter.setBrush(entry.fill);
        painter.drawRoundedRect(entry.swatch, 2, 2);
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(entry.label, Qt::AlignLeft | Qt::AlignVCenter, entry.text);
    }
}

void StateTileMap::paintTile(QPainter &painter, const Tile &tile, const QRectF &rect) const {
    const bool served = rowOf(tile.code) >= 0;
    const auto coverage =
        static_cast<StateCoverage>(value(tile.code, CoverageTableModel::CoverageRole).toInt());
    const CoverageLook look = served ? coverageLook(coverage) : notOfferedLook();
    painter.setPen(Qt::NoPen);
    painter.setBrush(look.fill);
    painter.drawRoundedRect(rect, m_tileSize * kCorner, m_tileSize * kCorner);

    const qint64 waiting =
        served ? value(tile.code, CoverageTableModel::WaitingRole).toLongLong() : 0;
    const bool showCount = waiting > 0 && m_tileSize >= kMinTileForCount;
    QFont codeFont = font();
    codeFont.setPixelSize(std::max(6, static_cast<int>(std::lround(m_tileSize * kCodeFont))));
    codeFont.setBold(served);
    painter.setFont(codeFont);
    painter.setPen(look.text);
    if (!showCount) {
        painter.drawText(rect, Qt::AlignCenter, tile.code);
        return;
    }
    const QRectF upper(rect.left(), rect.top() + rect.height() * 0.08, rect.width(),
                       rect.height() * 0.5);
    const QRectF lower(rect.left(), rect.top() + rect.height() * 0.52, rect.width(),
                       rect.height() * 0.42);
    painter.drawText(upper, Qt::AlignHCenter | Qt::AlignBottom, tile.code);
    QFont countFont = font();
    countFont.setPixelSize(std::max(6, static_cast<int>(std::lround(m_tileSize * kCountFont))));
    countFont.setBold(isFlagged(coverage));
    painter.setFont(countFont);
    const QString count =
        waiting > kMaxCountShown ? tr("%1+").arg(kMaxCountShown) : QString::number(waiting);
    painter.drawText(lower, Qt::AlignHCenter | Qt::AlignTop, count);
}

void StateTileMap::resizeEvent(QResizeEvent *event) {
    QWidget::resizeEvent(event);
    relayout();
}

void StateTileMap::changeEvent(QEvent *event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        relayout();
        update();
    }
}

bool StateTileMap::event(QEvent *event) {
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    const auto *help = static_cast<QHelpEvent *>(event);
    if (const Tile *tile = tileAt(help->pos())) {
        QToolTip::showText(help->globalPos(), describe(tile->code), this,
                           m_tileRects.value(tile->code).toAlignedRect());
        return true;
    }
    for (const LegendEntry &entry : m_legend) {
        const QRectF area = entry.swatch.united(entry.label);
        if (area.contains(help->pos())) {
            QToolTip::showText(help->globalPos(), entry.explanation, this, area.toAlignedRect());
            return true;
        }
    }
    QToolTip::hideText();
    event->ignore();
    return true;
}

void StateTileMap::mousePressEvent(QMouseEvent *event) {
    const Tile *tile = event->button() == Qt::LeftButton ? tileAt(event->position()) : nullptr;
    m_pressed = tile && rowOf(tile->code) >= 0 ? tile->code : QString();
    if (m_pressed.isEmpty())
        QWidget::mousePressEvent(event);
}

void StateTileMap::mouseReleaseEvent(QMouseEvent *event) {
    const QString pressed = std::exchange(m_pressed, {});
    const Tile *tile = event->button() == Qt::LeftButton ? tileAt(event->position()) : nullptr;
    if (pressed.isEmpty() || !tile || tile->code != pressed) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    setCurrentState(pressed);
    emit stateActivated(pressed);
}

void StateTileMap::mouseMoveEvent(QMouseEvent *event) {
    const Tile *tile = tileAt(event->position());
    setCursor(tile && rowOf(tile->code) >= 0 ? Qt::PointingHandCursor : Qt::ArrowCursor);
    QWidget::mouseMoveEvent(event);
}

void StateTileMap::keyPressEvent(QKeyEvent *event) {
    switch (event->key()) {
    case Qt::Key_Left:
        moveCurrent(-1, 0);
        return;
    case Qt::Key_Right:
        moveCurrent(1, 0);
        return;
    case Qt::Key_Up:
        moveCurrent(0, -1);
        return;
    case Qt::Key_Down:
        moveCurrent(0, 1);
        return;
    case Qt::Key_Return:
    case Qt::Key_Enter:
    case Qt::Key_Space:
        if (!m_current.isEmpty()) {
            emit stateActivated(m_current);
            return;
        }
        break;
    default:
        break;
    }
    QWidget::keyPressEvent(event);
}

void StateTileMap::moveCurrent(int columnStep, int rowStep) {
    const Tile *from = nullptr;
    for (const Tile &tile : m_tiles) {
        if (tile.code == m_current)
            from = &tile;
    }
    const Tile *best = nullptr;
    int bestScore = 0;
    for (const Tile &tile : m_tiles) {
        if (rowOf(tile.code) < 0 || &tile == from)
            continue;
        int score = 0;
        if (from) {
            const int dx = tile.column - from->column;
            const int dy = tile.row - from->row;
            const int ahead = dx * columnStep + dy * rowStep;
            if (ahead <= 0)
                continue;
            // Straight on first, then the nearest to the side.
            const int aside = std::abs(dx * rowStep + dy * columnStep);
            score = ahead + 3 * aside;
        } else {
            score = tile.row * kColumns + tile.column; // reading order
        }
        if (!best || score < bestScore) {
            best = &tile;
            bestScore = score;
        }
    }
    if (best)
        setCurrentState(best->code);
}

void StateTileMap::focusInEvent(QFocusEvent *event) {
    QWidget::focusInEvent(event);
    if (m_current.isEmpty())
        moveCurrent(0, 0);
    updateAccessibleDescription();
    update();
}

void StateTileMap::focusOutEvent(QFocusEvent *event) {
    QWidget::focusOutEvent(event);
    updateAccessibleDescription();
    update();
}

void StateTileMap::updateAccessibleDescription() {
    QString description;
    if (hasFocus() && !m_current.isEmpty()) {
        description = describe(m_current);
    } else {
        QStringList flagged;
        for (auto it = m_rows.cbegin(); it != m_rows.cend(); ++it) {
            if (value(it.key(), CoverageTableModel::FlaggedRole).toBool())
                flagged.append(
                    value(it.key(), Qt::ToolTipRole).toString().section(QLatin1Char('\n'), 0, 0));
        }
        flagged.sort();
        description = flagged.isEmpty()
                          ? tr("No state needs attention.")
                          : tr("Needs attention: %1").arg(flagged.join(QStringLiteral("; ")));
    }
    if (description != accessibleDescription())
        setAccessibleDescription(description);
}

} // namespace caredesk::console
