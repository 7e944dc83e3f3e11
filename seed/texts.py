"""Result statements from the nomenclature's activity names: a kegiatan or sub-kegiatan named for what is done
("Penyediaan ...", "Pembangunan ...") has a result named for what is achieved ("Tersedianya ...", "Terbangunnya
..."), as planners write sasaran kegiatan and sasaran sub kegiatan. Shared by the sample and the synthetic
generator."""

from __future__ import annotations

# the activity's first word -> the result's first word (Permendagri 90/2019 names start with one of these)
RESULTS = {
    "Penyediaan": "Tersedianya",
    "Pengadaan": "Tersedianya",
    "Pengelolaan": "Terkelolanya",
    "Penyusunan": "Tersusunnya",
    "Koordinasi": "Terkoordinasinya",
    "Pembangunan": "Terbangunnya",
    "Rehabilitasi": "Terehabilitasinya",
    "Pemeliharaan": "Terpeliharanya",
    "Fasilitasi": "Terfasilitasinya",
    "Pembinaan": "Terbinanya",
    "Peningkatan": "Meningkatnya",
    "Pengembangan": "Berkembangnya",
    "Pengendalian": "Terkendalinya",
    "Evaluasi": "Terevaluasinya",
    "Penyelenggaraan": "Terselenggaranya",
    "Penerbitan": "Terbitnya",
    "Pemberdayaan": "Berdayanya",
    "Pencegahan": "Tercegahnya",
    "Penanganan": "Tertanganinya",
    "Pendataan": "Terdatanya",
    "Pengawasan": "Terawasinya",
    "Penetapan": "Ditetapkannya",
    "Pembahasan": "Terbahasnya",
    "Pendokumentasian": "Terdokumentasinya",
    "Pemantauan": "Terpantaunya",
    "Pelestarian": "Lestarinya",
    "Distribusi": "Terdistribusinya",
    "Pemenuhan": "Terpenuhinya",
    "Perencanaan": "Tersusunnya perencanaan",
    "Administrasi": "Tertibnya administrasi",
    "Operasional": "Terselenggaranya operasional",
}


def result_of(activity: str, lower: bool = True) -> str:
    """The result statement of an activity name: its first word turned into a result ('Pembangunan Puskesmas' ->
    'Terbangunnya puskesmas'), 'Terlaksananya ...' where no result word fits. lower: the rest in lower case
    (acronyms kept)."""
    first, _, rest = activity.partition(" ")
    words = rest.split(" ") if first in RESULTS else activity.split(" ")
    if lower:
        words = [w if not w[1:].islower() else w.lower() for w in words if w]
    return f"{RESULTS.get(first, 'Terlaksananya')} {' '.join(words)}".strip()
