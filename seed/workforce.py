"""The workforce of a kabupaten as it is after the 2021 simplification of the bureaucracy: who works where, under
which title, and how their staff numbers (NIP, NI PPPK) are distributed. Shared by the sample (seed.build_sample)
and the synthetic generator (seed.synthetic). docs/sample.md gives the figures and where they come from.

Only vocabulary and small pure helpers live here; the generators draw from their own random streams.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

# ---- functional positions by the unit they belong in -----------------------------------------------------------
# A position listed here is placed only in a unit whose name holds one of its words (a Perancang Peraturan
# Perundang-undangan in the Bagian Hukum, not in a Subbagian Kerja Sama); a position not listed may sit in any
# technical unit of its OPD.
FUNG_BY_UNIT: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (
        ("Hukum", "Perundang-undangan"),
        (
            "Perancang Peraturan Perundang-undangan Ahli Pertama",
            "Perancang Peraturan Perundang-undangan Ahli Muda",
            "Analis Hukum Ahli Pertama",
            "Analis Hukum Ahli Muda",
        ),
    ),
    (("Persidangan",), ("Analis Persidangan",)),
    (("Kerja Sama",), ("Analis Kerja Sama Ahli Pertama",)),
    (("Pengadaan",), ("Pengelola Pengadaan Barang/Jasa Ahli Pertama", "Pengelola Pengadaan Barang/Jasa Ahli Muda")),
    (("Protokol", "Komunikasi Publik"), ("Pranata Hubungan Masyarakat Ahli Pertama",)),
    (("Kelembagaan", "Organisasi"), ("Analis Kelembagaan",)),
    (("Riset", "Inovasi"), ("Peneliti Ahli Pertama",)),
    (("Perpustakaan",), ("Pustakawan Ahli Pertama", "Pustakawan Terampil")),
    (("Kearsipan",), ("Arsiparis Ahli Muda",)),
    (
        ("Penyuluhan",),
        ("Penyuluh Pertanian Ahli Muda", "Penyuluh Pertanian Ahli Pertama", "Penyuluh Pertanian Terampil"),
    ),
    (("Peternakan", "Kesehatan Hewan"), ("Medik Veteriner Ahli Pertama", "Paramedik Veteriner Terampil")),
    (
        ("Tanaman Pangan", "Hortikultura"),
        ("Pengawas Benih Tanaman Ahli Pertama", "Pengendali Organisme Pengganggu Tumbuhan Ahli Pertama"),
    ),
    (("Pencegahan dan Pengendalian Penyakit",), ("Epidemiolog Kesehatan Ahli Muda",)),
    (
        ("Kesehatan Masyarakat",),
        ("Nutrisionis Ahli Pertama", "Sanitarian Terampil", "Penyuluh Kesehatan Masyarakat Ahli Muda"),
    ),
    (("Sumber Daya Kesehatan",), ("Apoteker Ahli Pertama", "Administrator Kesehatan Ahli Muda")),
    (("Keperawatan",), ("Perawat Ahli Pertama", "Perawat Terampil", "Perawat Ahli Muda")),
    (("PAUD", "Nonformal"), ("Penilik Ahli Pertama", "Pamong Belajar Ahli Muda")),
    (("Sekolah",), ("Pengawas Sekolah Ahli Madya", "Pengawas Sekolah Ahli Muda")),
    (("Kebudayaan",), ("Pamong Budaya Ahli Pertama",)),
    (
        ("Pemadam Kebakaran",),
        ("Pemadam Kebakaran Terampil", "Pemadam Kebakaran Pemula", "Analis Kebakaran Ahli Pertama"),
    ),
    (("Penegakan",), ("Polisi Pamong Praja Terampil", "Polisi Pamong Praja Mahir", "Penyidik Pegawai Negeri Sipil")),
    (
        ("Pengujian Kendaraan",),
        (
            "Penguji Kendaraan Bermotor Terampil",
            "Penguji Kendaraan Bermotor Ahli Pertama",
            "Asisten Penguji Kendaraan Bermotor",
        ),
    ),
    (("Perparkiran",), ("Juru Parkir",)),
    (("Lalu Lintas",), ("Petugas Lalu Lintas",)),
    (("Aplikasi Informatika",), ("Pranata Komputer Ahli Muda", "Pranata Komputer Terampil")),
    (("Statistik", "Persandian"), ("Statistisi Ahli Pertama", "Sandiman Ahli Pertama")),
    (("Pengelolaan Sampah",), ("Pengemudi Truk Sampah",)),
    (
        ("Pencemaran",),
        (
            "Pengendali Dampak Lingkungan Ahli Muda",
            "Pengendali Dampak Lingkungan Ahli Pertama",
            "Pengawas Lingkungan Hidup Ahli Pertama",
        ),
    ),
    (
        ("Bina Marga",),
        (
            "Teknik Jalan dan Jembatan Ahli Muda",
            "Teknik Jalan dan Jembatan Ahli Pertama",
            "Pengawas Jalan dan Jembatan",
            "Operator Alat Berat",
        ),
    ),
    (("Sumber Daya Air",), ("Teknik Pengairan Ahli Pertama",)),
    (("Tata Ruang",), ("Penata Ruang Ahli Pertama",)),
    (("Keluarga Berencana",), ("Penyuluh Keluarga Berencana Ahli Pertama", "Penyuluh Keluarga Berencana Terampil")),
    (("Perlindungan Perempuan", "Perlindungan Anak"), ("Analis Perlindungan Anak", "Analis Pemberdayaan Perempuan")),
    (
        ("Inspektur Pembantu",),
        (
            "Auditor Ahli Muda",
            "Auditor Ahli Pertama",
            "Auditor Terampil",
            "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda",
            "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama",
        ),
    ),
)
PLACED = frozenset(position for _, positions in FUNG_BY_UNIT for position in positions)
# the staff of a technical unit who are not its specialists (pelaksana under PermenPAN-RB 41/2018 and 45/2024)
TECHNICAL_SUPPORT = (
    "Pengadministrasi Perkantoran",
    "Penata Layanan Operasional",
    "Pengelola Layanan Operasional",
    "Operator Layanan Operasional",
    "Pengolah Data dan Informasi",
)
# the sekretariat's two subbagian, each with its own staff
SUBBAG_STAFF = {
    "Subbagian Umum dan Kepegawaian": (
        "Pengadministrasi Perkantoran",
        "Penata Layanan Operasional",
        "Pengelola Layanan Operasional",
        "Operator Layanan Operasional",
        "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
        "Arsiparis Terampil",
        "Pengelola Barang Milik Daerah",
        "Pranata Komputer Ahli Pertama",
    ),
    "Subbagian Perencanaan dan Keuangan": (
        "Perencana Ahli Pertama",
        "Perencana Ahli Muda",
        "Pengelola Keuangan",
        "Bendahara Pengeluaran",
        "Penata Laporan Keuangan",
        "Analis Keuangan Pusat dan Daerah Ahli Pertama",
    ),
}


def unit_positions(unit_name: str, opd_positions: Sequence[str]) -> list[str]:
    """The functional positions that belong in a technical unit: those placed by its name (FUNG_BY_UNIT), else the
    OPD's own that are not placed elsewhere, else the general support positions."""
    placed = [p for words, positions in FUNG_BY_UNIT if any(w in unit_name for w in words) for p in positions]
    if placed:
        return placed
    return [p for p in opd_positions if p not in PLACED] or list(TECHNICAL_SUPPORT)


# ---- unit pelaksana teknis: puskesmas under Dinas Kesehatan, sekolah under Dinas Pendidikan ---------------------
# (position, weight): perawat and bidan are most of a puskesmas's nakes
NAKES = (
    ("Dokter Ahli Pertama", 3),
    ("Dokter Ahli Muda", 2),
    ("Dokter Gigi Ahli Pertama", 1),
    ("Perawat Terampil", 6),
    ("Perawat Mahir", 3),
    ("Perawat Ahli Pertama", 4),
    ("Bidan Terampil", 6),
    ("Bidan Mahir", 3),
    ("Bidan Ahli Pertama", 2),
    ("Nutrisionis Terampil", 1),
    ("Sanitarian Terampil", 1),
    ("Penyuluh Kesehatan Masyarakat Ahli Pertama", 1),
    ("Pranata Laboratorium Kesehatan Terampil", 1),
    ("Asisten Apoteker Terampil", 1),
    ("Perekam Medis Terampil", 1),
    ("Epidemiolog Kesehatan Terampil", 1),
    ("Pengadministrasi Perkantoran", 2),
)
GURU = (
    ("Guru Ahli Pertama", 5),
    ("Guru Ahli Muda", 3),
    ("Guru Ahli Madya", 2),
    ("Pengadministrasi Perkantoran", 1),
)
RHK_NAKES = (
    "Terlayaninya pemeriksaan kesehatan ibu hamil sesuai standar di wilayah kerja {unit}",
    "Terlayaninya persalinan oleh tenaga kesehatan di fasilitas pelayanan kesehatan wilayah {unit}",
    "Terlayaninya imunisasi dasar lengkap bayi di wilayah kerja {unit}",
    "Terpantaunya pertumbuhan dan status gizi balita di posyandu wilayah kerja {unit}",
    "Terlayaninya pasien rawat jalan sesuai standar pelayanan {unit}",
    "Tertanganinya kasus tuberkulosis yang ditemukan di wilayah kerja {unit}",
    "Terlayaninya skrining kesehatan usia produktif di wilayah kerja {unit}",
    "Terlayaninya pemeriksaan kesehatan lanjut usia di wilayah kerja {unit}",
    "Terkelolanya obat dan bahan medis habis pakai {unit}",
    "Terlaksananya pemeriksaan laboratorium pasien {unit}",
    "Terlaksananya inspeksi kesehatan lingkungan rumah tangga di wilayah kerja {unit}",
    "Terlaksananya penyuluhan perilaku hidup bersih dan sehat di wilayah kerja {unit}",
    "Terlayaninya pasien penderita hipertensi dan diabetes melitus sesuai standar di {unit}",
    "Tersusunnya rekam medis pasien {unit} secara lengkap",
)
# what a guru teaches: the guru kelas of an SD and the subjects of an SMP (Kurikulum Merdeka)
SUBJECTS_SD = ("tematik", "Pendidikan Agama Islam", "Pendidikan Jasmani, Olahraga, dan Kesehatan", "Bahasa Sunda")
SUBJECTS_SMP = (
    "Matematika",
    "Bahasa Indonesia",
    "Bahasa Inggris",
    "Ilmu Pengetahuan Alam",
    "Ilmu Pengetahuan Sosial",
    "Pendidikan Pancasila",
    "Pendidikan Agama Islam",
    "Pendidikan Jasmani, Olahraga, dan Kesehatan",
    "Seni Budaya",
    "Informatika",
    "Bimbingan dan Konseling",
)
RHK_GURU = (
    "Terlaksananya pembelajaran {subject} kelas {grade} sesuai kurikulum",
    "Meningkatnya hasil belajar {subject} peserta didik kelas {grade} di {school}",
    "Tersusunnya modul ajar {subject} kelas {grade}",
    "Terlaksananya asesmen formatif dan sumatif {subject} kelas {grade} di {school}",
    "Terlaksananya projek penguatan profil pelajar Pancasila kelas {grade} di {school}",
    "Terlaksananya bimbingan dan pembinaan karakter peserta didik kelas {grade} di {school}",
)
# the places the kecamatan, puskesmas and sekolah are named after (invented)
PLACES = (
    "Sukamaju",
    "Cibeureum",
    "Sindangsari",
    "Karangmulya",
    "Sukaraja",
    "Cikadu",
    "Margahayu",
    "Pasirjati",
    "Cijambu",
    "Tanjungwangi",
)


# ---- staff numbers ------------------------------------------------------------------------------------------------
# CPNS are appointed with the TMT at the start of the month their formation fixes: most often January or March
# (relative weights by month)
TMT_MONTH_WEIGHTS = (30, 5, 25, 8, 3, 5, 3, 2, 2, 4, 3, 10)
# years of appointment of PPPK (the large guru and nakes intakes of 2022-2024)
PPPK_YEAR_WEIGHTS = {2019: 4, 2020: 2, 2021: 10, 2022: 25, 2023: 25, 2024: 20, 2025: 14}


def tmt_month(rng: random.Random) -> int:
    """A CPNS appointment month (1-12) as appointments are spread over the year."""
    return rng.choices(range(1, 13), TMT_MONTH_WEIGHTS)[0]


def first_sequence(rng: random.Random) -> int:
    """Where a staff number's 3-digit sequence starts: it counts people sharing the birth date, TMT and sex, so it
    is mostly 001 or a few more (a generator moves on to the next free number when one is taken)."""
    seq = 1
    while rng.random() < 0.35 and seq < 20:
        seq += 1
    return seq


def pppk_year(rng: random.Random, born: int) -> int:
    """A PPPK's year of appointment: 2019 or later, at 19 or older."""
    years = [y for y in PPPK_YEAR_WEIGHTS if y >= born + 19] or [max(PPPK_YEAR_WEIGHTS)]
    return rng.choices(years, [PPPK_YEAR_WEIGHTS[y] for y in years])[0]


def bup(position: str, jpt: bool) -> int:
    """The batas usia pensiun as the retirements query reads a position: 65 ahli utama, 60 JPT and ahli madya, else
    58 (docs/domain.md, "People: NIP, NI PPPK and retirement")."""
    text = position.lower()
    return 65 if "ahli utama" in text else 60 if jpt or "ahli madya" in text else 58


def jenjang(position: str, age: int, pppk: bool) -> str:
    """The position at the jenjang its holder's age and status make plausible: a PPPK or a young ASN at the first
    one (Ahli Pertama, Terampil), Ahli Madya only for guru from 48, Mahir from 35 and Penyelia from 46. A
    position without a jenjang is returned as it is."""
    for ladder in (("Ahli Pertama", "Ahli Muda", "Ahli Madya"), ("Terampil", "Mahir", "Penyelia")):
        for step in ladder:
            if position.endswith(" " + step):
                base = position[: -len(step)]
                if ladder[0] == "Terampil":
                    rank = 0 if pppk or age < 35 else 1 if age < 46 else 2
                else:
                    rank = 0 if pppk or age < 36 else 2 if position.startswith("Guru") and age >= 48 else 1
                return base + ladder[rank]
    return position
