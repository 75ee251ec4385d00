#pragma once

#include "state/StateCoverage.h"

#include <QColor>
#include <QString>

namespace caredesk::console {

// How a level of coverage looks wherever it is shown (the tile map, the
// coverage table, the legend): one colour to fill with, a text colour that
// reads on it, a label (for the legend), a shorter one (for a table whose
// other columns say how many wait) and a sentence for tooltips. The fills are
// told apart by lightness as well as hue, for people who do not see red and
// green apart.
struct CoverageLook {
    QColor fill;
    QColor text;
    QString label;
    QString shortLabel;
    QString explanation;
};

CoverageLook coverageLook(StateCoverage coverage);
// A state CareDesk does not serve: drawn faintly, for orientation only.
CoverageLook notOfferedLook();

} // namespace caredesk::console
