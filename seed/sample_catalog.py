"""Hand-written content for the fictional Kabupaten Sukamaju (names, statements, indicators).

Only data lives here; `seed.build_sample` turns it into import files. Nomenclature codes and
names follow Kepmendagri 050-5889/2021 loosely; all places, people and figures are invented.
"""

from __future__ import annotations

import copy
from typing import Any

from seed.workforce import PLACES

Ind = tuple[str, str, str, float, float]  # name, satuan, polarity, baseline, yearly step of the target


def p(name: str, satuan: str, base: float, step: float) -> Ind:
    """Indicator where higher is better."""
    return (name, satuan, "positif", base, step)


def n(name: str, satuan: str, base: float, step: float) -> Ind:
    """Indicator where lower is better (step is negative)."""
    return (name, satuan, "negatif", base, step)


def K(
    code: str, name: str, label: str | None, subs: list[str], ind: Ind | None = None, unit: str | None = None
) -> dict[str, Any]:
    """A kegiatan: code suffix (e.g. '2.01'), name, seksi label, sub-kegiatan names."""
    return {"code": code, "name": name, "label": label, "subs": subs, "ind": ind, "unit": unit}


def P(
    code: str,
    name: str,
    bidang: str,
    statement: str,
    inds: list[Ind],
    sasaran: list[int],
    kegiatan: list[dict[str, Any]],
) -> dict[str, Any]:
    """A technical program, owned by a bidang, with its sasaran_program."""
    return {
        "code": code,
        "name": name,
        "bidang": bidang,
        "statement": statement,
        "inds": inds,
        "sasaran": sasaran,
        "kegiatan": kegiatan,
    }


KABUPATEN = "Kabupaten Sukamaju"
VISI = "Terwujudnya Kabupaten Sukamaju yang Maju, Sejahtera, dan Berdaya Saing Tahun 2029"
MISI = [
    "Meningkatkan kualitas sumber daya manusia yang sehat, cerdas, dan berkarakter",
    "Mewujudkan perekonomian daerah yang tangguh berbasis agribisnis, pariwisata, dan UMKM",
    "Meningkatkan infrastruktur wilayah yang merata dan berwawasan lingkungan",
    "Mewujudkan tata kelola pemerintahan yang bersih, efektif, dan melayani",
]
# Pemda tujuan: statement, misi indexes, indicators
PEMDA_TUJUAN: list[tuple[str, list[int], list[Ind]]] = [
    (
        "Meningkatkan derajat kesehatan dan kualitas pendidikan masyarakat",
        [0],
        [p("Indeks Pembangunan Manusia", "indeks", 69.84, 0.62)],
    ),
    (
        "Meningkatkan kesejahteraan sosial dan perlindungan kelompok rentan",
        [0],
        [n("Persentase penduduk miskin", "%", 10.92, -0.48)],
    ),
    (
        "Meningkatkan pertumbuhan ekonomi daerah yang inklusif",
        [1],
        [p("Laju pertumbuhan ekonomi", "%", 5.08, 0.15), p("PDRB per kapita", "juta rupiah", 31.4, 1.6)],
    ),
    (
        "Meningkatkan kualitas infrastruktur wilayah dan lingkungan hidup",
        [2],
        [p("Indeks Kualitas Lingkungan Hidup", "indeks", 66.45, 0.55)],
    ),
    (
        "Mewujudkan tata kelola pemerintahan yang akuntabel dan pelayanan publik yang prima",
        [3],
        [p("Indeks Reformasi Birokrasi", "indeks", 61.7, 2.4)],
    ),
    (
        "Mewujudkan ketenteraman, ketertiban, dan kondusivitas wilayah",
        [3, 0],
        [p("Indeks Kerukunan Umat Beragama", "indeks", 74.8, 0.5)],
    ),
]
# Pemda sasaran (carry the IKU): statement, tujuan indexes, indicators
PEMDA_SASARAN: list[tuple[str, list[int], list[Ind]]] = [
    (
        "Meningkatnya derajat kesehatan masyarakat",
        [0],
        [p("Angka Harapan Hidup", "tahun", 71.35, 0.12), n("Prevalensi stunting", "%", 21.4, -2.2)],
    ),
    (
        "Meningkatnya akses dan mutu pendidikan",
        [0],
        [p("Rata-rata lama sekolah", "tahun", 7.62, 0.11), p("Harapan lama sekolah", "tahun", 12.41, 0.06)],
    ),
    (
        "Menurunnya kemiskinan dan meningkatnya perlindungan sosial",
        [1],
        [n("Persentase penduduk miskin ekstrem", "%", 1.24, -0.42)],
    ),
    (
        "Meningkatnya kesetaraan gender dan perlindungan anak",
        [1],
        [p("Indeks Pembangunan Gender", "indeks", 88.37, 0.45)],
    ),
    (
        "Meningkatnya produktivitas pertanian dan ketahanan pangan",
        [2],
        [p("Nilai Tukar Petani", "indeks", 104.2, 0.8), p("Skor Pola Pangan Harapan", "skor", 86.1, 1.2)],
    ),
    (
        "Meningkatnya daya saing UMKM, perdagangan, dan investasi",
        [2],
        [p("Nilai realisasi investasi", "miliar rupiah", 845.0, 60.0)],
    ),
    (
        "Meningkatnya kunjungan wisata dan ekonomi kreatif",
        [2],
        [p("Jumlah kunjungan wisatawan", "orang", 1250000, 75000)],
    ),
    ("Menurunnya tingkat pengangguran terbuka", [2, 1], [n("Tingkat pengangguran terbuka", "%", 7.38, -0.32)]),
    (
        "Meningkatnya kualitas infrastruktur jalan dan permukiman",
        [3],
        [
            p("Persentase jalan kabupaten dalam kondisi mantap", "%", 68.5, 3.0),
            p("Persentase rumah tangga dengan akses sanitasi layak", "%", 78.2, 2.4),
        ],
    ),
    (
        "Meningkatnya kualitas lingkungan hidup dan ketangguhan terhadap bencana",
        [3],
        [n("Indeks Risiko Bencana", "indeks", 142.3, -3.5)],
    ),
    (
        "Meningkatnya akuntabilitas kinerja dan keuangan daerah",
        [4],
        [p("Nilai SAKIP Pemerintah Kabupaten", "nilai", 63.5, 2.0)],
    ),
    (
        "Meningkatnya kualitas pelayanan publik dan pemerintahan digital",
        [4],
        [p("Indeks Kepuasan Masyarakat", "indeks", 81.2, 1.0), p("Indeks SPBE", "indeks", 2.61, 0.2)],
    ),
    (
        "Meningkatnya kemandirian keuangan daerah",
        [4],
        [p("Rasio PAD terhadap total pendapatan daerah", "%", 11.2, 0.6)],
    ),
    (
        "Terwujudnya ketenteraman dan ketertiban umum",
        [5],
        [p("Persentase penegakan Perda yang tuntas", "%", 72.0, 4.0)],
    ),
]

# ---- Program Penunjang (X.XX.01), the same for every perangkat daerah --------------------------
PENUNJANG_NAME = "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota"
SUBBAG_PK = "Subbagian Perencanaan dan Keuangan"
SUBBAG_UK = "Subbagian Umum dan Kepegawaian"
PENUNJANG_KEGIATAN: list[tuple[str, str, str, list[str], Ind]] = [
    (
        "2.01",
        "Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        SUBBAG_PK,
        [
            "0001:Penyusunan Dokumen Perencanaan Perangkat Daerah",
            "0002:Koordinasi dan Penyusunan Dokumen RKA-SKPD",
            "0006:Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
            "0007:Evaluasi Kinerja Perangkat Daerah",
        ],
        p("Persentase dokumen perencanaan dan evaluasi kinerja yang tersusun tepat waktu", "%", 85, 5),
    ),
    (
        "2.02",
        "Administrasi Keuangan Perangkat Daerah",
        SUBBAG_PK,
        [
            "0001:Penyediaan Gaji dan Tunjangan ASN",
            "0005:Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD",
            "0007:Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD",
        ],
        p("Persentase laporan keuangan yang disusun tepat waktu", "%", 90, 5),
    ),
    (
        "2.06",
        "Administrasi Umum Perangkat Daerah",
        SUBBAG_UK,
        [
            "0001:Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor",
            "0002:Penyediaan Peralatan dan Perlengkapan Kantor",
            "0004:Penyediaan Bahan Logistik Kantor",
            "0009:Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        ],
        p("Persentase pemenuhan kebutuhan administrasi umum perkantoran", "%", 88, 4),
    ),
    (
        "2.08",
        "Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        SUBBAG_UK,
        [
            "0001:Penyediaan Jasa Surat Menyurat",
            "0002:Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik",
            "0004:Penyediaan Jasa Pelayanan Umum Kantor",
        ],
        p("Persentase pemenuhan jasa penunjang perkantoran", "%", 92, 3),
    ),
    (
        "2.09",
        "Pemeliharaan Barang Milik Daerah Penunjang Urusan Pemerintahan Daerah",
        SUBBAG_UK,
        [
            "0002:Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan",
            "0009:Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya",
        ],
        p("Persentase barang milik daerah penunjang dalam kondisi baik", "%", 74, 4),
    ),
]

# The indikator keluaran (output indicator) of the standard office sub-kegiatan with its satuan and a yearly
# target range, worded as Kepmendagri 050-5889/2021 words them: what the sub-kegiatan delivers, not a template
# around its name. Sub-kegiatan not listed here get a name from OUTPUT_KINDS (seed/build_sample.py).
OUTPUT_INDICATOR_OF: dict[str, tuple[str, str, tuple[int, int]]] = {
    "Penyusunan Dokumen Perencanaan Perangkat Daerah": (
        "Jumlah Dokumen Perencanaan Perangkat Daerah",
        "dokumen",
        (2, 5),
    ),
    "Koordinasi dan Penyusunan Dokumen RKA-SKPD": (
        "Jumlah Dokumen RKA-SKPD dan Laporan Hasil Koordinasi Penyusunan Dokumen RKA-SKPD",
        "dokumen",
        (1, 3),
    ),
    "Koordinasi dan Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD": (
        "Jumlah Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD dan Laporan Hasil Koordinasi Penyusunan "
        "Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        "laporan",
        (1, 4),
    ),
    "Evaluasi Kinerja Perangkat Daerah": ("Jumlah Laporan Evaluasi Kinerja Perangkat Daerah", "laporan", (2, 4)),
    "Penyediaan Gaji dan Tunjangan ASN": (
        "Jumlah Orang yang Menerima Gaji dan Tunjangan ASN",
        "orang/bulan",
        (20, 400),
    ),
    "Koordinasi dan Penyusunan Laporan Keuangan Akhir Tahun SKPD": (
        "Jumlah Laporan Keuangan Akhir Tahun SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Keuangan Akhir "
        "Tahun SKPD",
        "laporan",
        (1, 2),
    ),
    "Koordinasi dan Penyusunan Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD": (
        "Jumlah Laporan Keuangan Bulanan/Triwulanan/Semesteran SKPD dan Laporan Koordinasi Penyusunan Laporan "
        "Keuangan Bulanan/Triwulanan/Semesteran SKPD",
        "laporan",
        (12, 18),
    ),
    "Penyediaan Komponen Instalasi Listrik/Penerangan Bangunan Kantor": (
        "Jumlah Paket Komponen Instalasi Listrik/Penerangan Bangunan Kantor yang Disediakan",
        "paket",
        (1, 4),
    ),
    "Penyediaan Peralatan dan Perlengkapan Kantor": (
        "Jumlah Paket Peralatan dan Perlengkapan Kantor yang Disediakan",
        "paket",
        (1, 6),
    ),
    "Penyediaan Bahan Logistik Kantor": ("Jumlah Paket Bahan Logistik Kantor yang Disediakan", "paket", (2, 12)),
    "Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD": (
        "Jumlah Laporan Penyelenggaraan Rapat Koordinasi dan Konsultasi SKPD",
        "laporan",
        (4, 12),
    ),
    "Penyediaan Jasa Surat Menyurat": ("Jumlah Laporan Penyediaan Jasa Surat Menyurat", "laporan", (12, 12)),
    "Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik": (
        "Jumlah Laporan Penyediaan Jasa Komunikasi, Sumber Daya Air dan Listrik yang Disediakan",
        "laporan",
        (12, 12),
    ),
    "Penyediaan Jasa Pelayanan Umum Kantor": (
        "Jumlah Laporan Penyediaan Jasa Pelayanan Umum Kantor yang Disediakan",
        "laporan",
        (12, 12),
    ),
    "Penyediaan Jasa Pemeliharaan, Biaya Pemeliharaan, Pajak dan Perizinan Kendaraan Dinas Operasional atau Lapangan": (
        "Jumlah Kendaraan Dinas Operasional atau Lapangan yang Dipelihara dan Dibayarkan Pajak dan Perizinannya",
        "unit",
        (2, 14),
    ),
    "Pemeliharaan/Rehabilitasi Gedung Kantor dan Bangunan Lainnya": (
        "Jumlah Gedung Kantor dan Bangunan Lainnya yang Dipelihara/Direhabilitasi",
        "unit",
        (1, 4),
    ),
}

GENERIC_FUNG = [
    "Analis Kebijakan Ahli Muda",
    "Analis Kebijakan Ahli Pertama",
    "Perencana Ahli Pertama",
    "Pengelola Keuangan",
    "Penata Layanan Operasional",
    "Pengelola Layanan Operasional",
    "Operator Layanan Operasional",
    "Pengadministrasi Perkantoran",
    "Arsiparis Terampil",
    "Pranata Komputer Ahli Pertama",
    "Bendahara Pengeluaran",
    "Pengolah Data dan Informasi",
    "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
    "Pengelola Barang Milik Daerah",
]

KEC_NAMES = list(PLACES)


# ---- the programs every kecamatan runs (urusan 7.01); kecamatan() gives each its own copy --------------
KECAMATAN_PROGRAMS: list[dict[str, Any]] = [
    P(
        "7.01.02",
        "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        "Seksi Pemerintahan",
        "Meningkatnya kualitas pelayanan administrasi terpadu kecamatan",
        [p("Persentase layanan PATEN yang selesai sesuai standar waktu", "%", 82, 4)],
        [0],
        [
            K(
                "2.01",
                "Koordinasi Penyelenggaraan Kegiatan Pemerintahan di Tingkat Kecamatan",
                None,
                [
                    "0001:Koordinasi/Sinergi Perencanaan dan Pelaksanaan Kegiatan Pemerintahan dengan Perangkat Daerah dan Instansi Vertikal Terkait",
                    "0002:Penyelenggaraan Pelayanan Administrasi Terpadu Kecamatan",
                ],
            )
        ],
    ),
    P(
        "7.01.03",
        "Program Pemberdayaan Masyarakat Desa dan Kelurahan",
        "Seksi Pemberdayaan Masyarakat dan Desa",
        "Meningkatnya partisipasi masyarakat dalam pembangunan desa",
        [p("Persentase desa berstatus mandiri dan maju", "%", 34, 5)],
        [1],
        [
            K(
                "2.01",
                "Koordinasi Kegiatan Pemberdayaan Desa",
                None,
                [
                    "0001:Fasilitasi Penyusunan Program dan Kegiatan Pemberdayaan Masyarakat Desa",
                    "0002:Fasilitasi Pelaksanaan Musyawarah Perencanaan Pembangunan Kecamatan",
                ],
            )
        ],
    ),
    P(
        "7.01.04",
        "Program Koordinasi Ketentraman dan Ketertiban Umum",
        "Seksi Ketenteraman dan Ketertiban Umum",
        "Terkendalinya gangguan ketenteraman dan ketertiban umum di kecamatan",
        [p("Persentase gangguan trantibum yang tertangani", "%", 86, 3)],
        [1],
        [
            K(
                "2.01",
                "Koordinasi Upaya Penyelenggaraan Ketenteraman dan Ketertiban Umum",
                None,
                [
                    "0001:Koordinasi Penerapan dan Penegakan Peraturan Daerah dan Peraturan Kepala Daerah",
                    "0003:Koordinasi Pemeliharaan Ketenteraman dan Ketertiban Umum",
                ],
            )
        ],
    ),
    P(
        "7.01.06",
        "Program Pembinaan dan Pengawasan Pemerintahan Desa",
        "Seksi Pemerintahan",
        "Meningkatnya tertib administrasi pemerintahan desa",
        [p("Persentase desa yang menyampaikan laporan keuangan desa tepat waktu", "%", 75, 6)],
        [0],
        [
            K(
                "2.01",
                "Fasilitasi, Rekomendasi dan Koordinasi Pembinaan dan Pengawasan Pemerintahan Desa",
                None,
                [
                    "0001:Fasilitasi Penyusunan Peraturan Desa dan Peraturan Kepala Desa",
                    "0004:Fasilitasi Pengelolaan Keuangan Desa",
                ],
            )
        ],
    ),
]


# staff of each kecamatan office, in KEC_NAMES order: the seat of the kabupaten and the larger kecamatan have more
KEC_STAFF = (31, 24, 19, 22, 17, 26, 20, 18, 23, 21)


def kecamatan(key: str, place: str, staff: int) -> dict[str, Any]:
    """Spec for one kecamatan (they all follow the same nomenclature, urusan 7.01)."""
    return dict(
        key=key,
        name=f"Kecamatan {place}",
        head=f"Camat {place}",
        prefix="7.01",
        staff=staff,
        sub=None,
        pemda=[11],
        deg=["S.STP.", "S.IP.", "S.Sos.", "S.E.", "S.AP."],
        fung=[
            "Penata Layanan Operasional",
            "Pengelola Layanan Operasional",
            "Operator Layanan Operasional",
            "Analis Pemerintahan Desa",
            "Penggerak Swadaya Masyarakat Ahli Pertama",
            "Pengadministrasi Perkantoran",
        ],
        penunjang_unit="Sekretariat Kecamatan",
        tujuan=[
            (
                f"Meningkatnya kualitas penyelenggaraan pemerintahan dan pelayanan publik di Kecamatan {place}",
                [p("Indeks Desa Membangun rata-rata desa", "indeks", 0.64, 0.02)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya kualitas pelayanan publik dan pembinaan pemerintahan desa",
                [p("Indeks Kepuasan Masyarakat terhadap layanan kecamatan", "indeks", 80.4, 1.1)],
                [0],
            ),
            (
                "Meningkatnya ketenteraman dan keberdayaan masyarakat",
                [n("Jumlah gangguan ketenteraman dan ketertiban umum", "kasus", 26, -3)],
                [0],
            ),
        ],
        programs=copy.deepcopy(KECAMATAN_PROGRAMS),
    )


OPDS: list[dict[str, Any]] = [
    dict(
        key="SETDA",
        name="Sekretariat Daerah",
        head="Sekretaris Daerah",
        prefix="4.01",
        staff=95,
        sub="Subbagian",
        pemda=[11],
        penunjang_unit="Bagian Umum",
        asisten={
            "Asisten Pemerintahan dan Kesejahteraan Rakyat": [
                "Bagian Tata Pemerintahan",
                "Bagian Kesejahteraan Rakyat",
                "Bagian Hukum",
            ],
            "Asisten Perekonomian dan Pembangunan": [
                "Bagian Pengadaan Barang dan Jasa",
                "Bagian Administrasi Pembangunan",
            ],
            "Asisten Administrasi Umum": ["Bagian Umum"],
        },
        deg=["S.H.", "S.IP.", "S.Sos.", "S.E.", "S.AP."],
        fung=[
            "Analis Hukum Ahli Muda",
            "Perancang Peraturan Perundang-undangan Ahli Pertama",
            "Analis Kebijakan Ahli Muda",
            "Pengelola Pengadaan Barang/Jasa Ahli Pertama",
            "Analis Kelembagaan",
            "Pranata Hubungan Masyarakat Ahli Pertama",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            (
                "Meningkatnya efektivitas koordinasi penyelenggaraan pemerintahan daerah",
                [p("Indeks Kelembagaan Perangkat Daerah", "indeks", 71.0, 2.0)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya kualitas kebijakan, produk hukum, dan kelembagaan daerah",
                [p("Persentase produk hukum daerah yang terharmonisasi", "%", 80, 5)],
                [0],
            ),
            (
                "Meningkatnya kualitas layanan pengadaan barang/jasa pemerintah",
                [p("Persentase paket pengadaan yang selesai tepat waktu", "%", 82, 3)],
                [0],
            ),
        ],
        programs=[
            P(
                "4.01.02",
                "Program Pemerintahan dan Kesejahteraan Rakyat",
                "Bagian Tata Pemerintahan",
                "Meningkatnya kualitas penyelenggaraan tata pemerintahan dan kerja sama daerah",
                [p("Persentase rekomendasi kebijakan pemerintahan yang ditindaklanjuti", "%", 70, 5)],
                [0],
                [
                    K(
                        "2.04",
                        "Fasilitasi Kerjasama Daerah",
                        "Kerja Sama Daerah",
                        [
                            "0001:Fasilitasi Kerja Sama Dalam Negeri",
                            "0004:Monitoring dan Evaluasi Pelaksanaan Kerja Sama Daerah",
                        ],
                    ),
                ],
            ),
            P(
                "4.01.02",
                "",
                "Bagian Kesejahteraan Rakyat",
                "Meningkatnya kualitas fasilitasi kehidupan beragama dan kesejahteraan sosial masyarakat",
                [p("Persentase lembaga keagamaan yang mendapat fasilitasi pembinaan", "%", 62, 6)],
                [0],
                [
                    K(
                        "2.02",
                        "Pelaksanaan Kebijakan Kesejahteraan Rakyat",
                        "Bina Mental Spiritual",
                        [
                            "0001:Fasilitasi Pengelolaan Bina Mental Spiritual",
                            "0003:Pelaksanaan Kebijakan Kesejahteraan Rakyat Lainnya",
                        ],
                    ),
                ],
            ),
            P(
                "4.01.02",
                "",
                "Bagian Hukum",
                "Meningkatnya kualitas dan harmonisasi produk hukum daerah",
                [p("Persentase rancangan produk hukum daerah yang selesai diharmonisasi", "%", 84, 4)],
                [0],
                [
                    K(
                        "2.03",
                        "Fasilitasi dan Koordinasi Hukum",
                        "Perundang-undangan",
                        [
                            "0001:Fasilitasi Penyusunan Produk Hukum Daerah",
                            "0003:Pembinaan dan Penyuluhan Hukum",
                            "0005:Pendokumentasian Produk Hukum dan Pengelolaan Jaringan Dokumentasi Hukum",
                        ],
                        p("Jumlah produk hukum daerah yang ditetapkan", "dokumen", 38, 4),
                    )
                ],
            ),
            P(
                "4.01.03",
                "Program Perekonomian dan Pembangunan",
                "Bagian Pengadaan Barang dan Jasa",
                "Meningkatnya efektivitas dan akuntabilitas pengadaan barang/jasa",
                [p("Persentase nilai pengadaan melalui e-purchasing", "%", 41, 6)],
                [1],
                [
                    K(
                        "2.03",
                        "Pengelolaan Pengadaan Barang dan Jasa",
                        "Pengelolaan Pengadaan",
                        [
                            "0001:Pengelolaan Pengadaan Barang dan Jasa",
                            "0002:Pengelolaan Layanan Pengadaan Secara Elektronik",
                            "0003:Pembinaan dan Advokasi Pengadaan Barang dan Jasa",
                        ],
                        p("Persentase paket tender yang tidak gagal", "%", 88, 2),
                    ),
                ],
            ),
            P(
                "4.01.03",
                "",
                "Bagian Administrasi Pembangunan",
                "Meningkatnya kualitas pengendalian dan evaluasi program pembangunan daerah",
                [p("Persentase realisasi fisik program pembangunan daerah sesuai rencana", "%", 86, 3)],
                [1],
                [
                    K(
                        "2.02",
                        "Pelaksanaan Administrasi Pembangunan",
                        "Pengendalian Administrasi Pembangunan",
                        [
                            "0001:Fasilitasi Penyusunan Program Pembangunan",
                            "0003:Pengendalian dan Evaluasi Program Pembangunan",
                        ],
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="SETWAN",
        name="Sekretariat DPRD",
        head="Sekretaris DPRD",
        prefix="4.02",
        staff=38,
        sub="Subbagian",
        pemda=[10],
        penunjang_unit="Bagian Umum dan Keuangan",
        deg=["S.H.", "S.IP.", "S.Sos.", "S.E."],
        fung=[
            "Analis Hukum Ahli Pertama",
            "Perancang Peraturan Perundang-undangan Ahli Muda",
            "Pranata Hubungan Masyarakat Ahli Pertama",
            "Analis Persidangan",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            (
                "Meningkatnya kualitas dukungan terhadap fungsi legislasi, anggaran, dan pengawasan DPRD",
                [p("Persentase Propemperda yang ditetapkan", "%", 68, 6)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya kualitas fasilitasi tugas dan fungsi DPRD",
                [p("Indeks kepuasan anggota DPRD terhadap layanan Sekretariat DPRD", "indeks", 78.5, 1.5)],
                [0],
            )
        ],
        programs=[
            P(
                "4.02.02",
                "Program Dukungan Pelaksanaan Tugas dan Fungsi DPRD",
                "Bagian Persidangan dan Perundang-undangan",
                "Meningkatnya kualitas fasilitasi persidangan dan pembentukan Perda",
                [p("Persentase rancangan Perda inisiatif yang selesai dibahas", "%", 60, 8)],
                [0],
                [
                    K(
                        "2.01",
                        "Pembentukan Peraturan Daerah dan Peraturan DPRD",
                        "Perundang-undangan",
                        [
                            "0001:Penyusunan dan Pembahasan Program Pembentukan Peraturan Daerah",
                            "0002:Pembahasan Rancangan Peraturan Daerah",
                        ],
                    ),
                    K(
                        "2.02",
                        "Pembahasan Kebijakan Anggaran",
                        "Persidangan",
                        ["0001:Pembahasan KUA dan PPAS", "0002:Pembahasan Rancangan Peraturan Daerah tentang APBD"],
                    ),
                    K(
                        "2.05",
                        "Penyerapan dan Penghimpunan Aspirasi Masyarakat",
                        None,
                        ["0001:Pelaksanaan Reses", "0002:Penyelenggaraan Kunjungan Kerja Anggota DPRD"],
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="INSP",
        name="Inspektorat Daerah",
        head="Inspektur",
        prefix="6.01",
        staff=43,
        sub=None,
        pemda=[10],
        penunjang_unit="Sekretariat",
        deg=["S.E.", "S.Ak.", "S.H.", "S.T.", "S.IP."],
        fung=[
            "Auditor Ahli Muda",
            "Auditor Ahli Pertama",
            "Auditor Terampil",
            "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Muda",
            "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah Ahli Pertama",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            (
                "Meningkatnya kualitas tata kelola pemerintahan yang bersih dan akuntabel",
                [p("Level maturitas SPIP", "level", 3.0, 0.3)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya efektivitas pengawasan internal",
                [
                    p("Level kapabilitas APIP", "level", 2.8, 0.4),
                    n("Jumlah temuan berulang hasil pemeriksaan BPK", "temuan", 4, -2),
                ],
                [0],
            )
        ],
        programs=[
            P(
                "6.01.02",
                "Program Penyelenggaraan Pengawasan",
                "Inspektur Pembantu Wilayah I",
                "Meningkatnya tindak lanjut hasil pengawasan",
                [p("Persentase rekomendasi hasil pengawasan yang ditindaklanjuti", "%", 78, 5)],
                [0],
                [
                    K(
                        "2.01",
                        "Penyelenggaraan Pengawasan Internal",
                        None,
                        [
                            "0001:Pengawasan Kinerja Pemerintah Daerah",
                            "0002:Pengawasan Keuangan Pemerintah Daerah",
                            "0003:Reviu Laporan Kinerja",
                            "0004:Reviu Laporan Keuangan",
                        ],
                        p("Persentase obyek pemeriksaan yang diaudit sesuai PKPT", "%", 90, 3),
                    )
                ],
            ),
            P(
                "6.01.02",
                "",
                "Inspektur Pembantu Wilayah II",
                "Meningkatnya kualitas pengawasan desa dan pengawasan dengan tujuan tertentu",
                [p("Persentase pengaduan masyarakat yang ditindaklanjuti", "%", 82, 4)],
                [0],
                [
                    K(
                        "2.02",
                        "Penyelenggaraan Pengawasan dengan Tujuan Tertentu",
                        None,
                        ["0001:Pengawasan Desa", "0002:Pendampingan dan Asistensi", "0003:Verifikasi Data Pengaduan"],
                    )
                ],
            ),
            P(
                "6.01.03",
                "Program Perumusan Kebijakan, Pendampingan dan Asistensi",
                "Inspektur Pembantu Wilayah III",
                "Meningkatnya kualitas pencegahan korupsi dan penerapan SPIP",
                [p("Skor Monitoring Center for Prevention (MCP)", "nilai", 78, 4)],
                [0],
                [
                    K(
                        "2.02",
                        "Pendampingan dan Asistensi",
                        None,
                        [
                            "0001:Pendampingan dan Asistensi Penerapan SPIP",
                            "0002:Koordinasi Pencegahan Tindak Pidana Korupsi",
                        ],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="BAPPEDA",
        name="Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        head="Kepala Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah",
        prefix="5.01",
        staff=42,
        sub=None,
        pemda=[10],
        deg=["S.T.", "S.E.", "S.P.", "S.Si.", "S.IP.", "S.PWK."],
        fung=[
            "Perencana Ahli Muda",
            "Perencana Ahli Pertama",
            "Peneliti Ahli Pertama",
            "Analis Kebijakan Ahli Muda",
            "Statistisi Ahli Pertama",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            (
                "Meningkatnya kualitas perencanaan pembangunan daerah yang terintegrasi",
                [p("Persentase konsistensi program RKPD dengan APBD", "%", 86, 3)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya konsistensi dan kualitas dokumen perencanaan daerah",
                [p("Nilai evaluasi kualitas perencanaan daerah", "nilai", 74, 3)],
                [0],
            ),
            (
                "Meningkatnya pemanfaatan riset dan inovasi daerah",
                [p("Indeks Inovasi Daerah", "indeks", 48.2, 4.5)],
                [0],
            ),
        ],
        programs=[
            P(
                "5.01.02",
                "Program Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
                "Bidang Perencanaan dan Pengendalian",
                "Meningkatnya kualitas perencanaan dan pengendalian pembangunan",
                [p("Persentase capaian indikator RPJMD yang memenuhi target", "%", 72, 4)],
                [0],
                [
                    K(
                        "2.01",
                        "Penyusunan Perencanaan dan Pendanaan",
                        "Perencanaan Makro",
                        [
                            "0001:Analisis Data dan Informasi Perencanaan Pembangunan Daerah",
                            "0002:Penyusunan Dokumen Rencana Kerja Pemerintah Daerah",
                            "0003:Koordinasi Penyelenggaraan Musyawarah Perencanaan Pembangunan",
                        ],
                        p("Jumlah dokumen perencanaan daerah yang ditetapkan tepat waktu", "dokumen", 3, 0),
                    ),
                    K(
                        "2.03",
                        "Pengendalian, Evaluasi dan Pelaporan Bidang Perencanaan Pembangunan Daerah",
                        "Pengendalian dan Evaluasi",
                        [
                            "0001:Pengendalian dan Evaluasi Pelaksanaan Rencana Pembangunan Daerah",
                            "0002:Penyusunan Laporan Kinerja Pemerintah Daerah",
                        ],
                    ),
                ],
            ),
            P(
                "5.01.03",
                "Program Koordinasi dan Sinkronisasi Perencanaan Pembangunan Daerah",
                "Bidang Pemerintahan dan Pembangunan Manusia",
                "Meningkatnya sinkronisasi perencanaan lintas perangkat daerah",
                [p("Persentase Renja perangkat daerah yang selaras dengan RKPD", "%", 84, 4)],
                [0],
                [
                    K(
                        "2.01",
                        "Koordinasi Perencanaan Bidang Pemerintahan dan Pembangunan Manusia",
                        "Pembangunan Manusia",
                        [
                            "0001:Koordinasi Perencanaan Percepatan Penurunan Stunting",
                            "0002:Koordinasi Perencanaan Penanggulangan Kemiskinan",
                        ],
                    ),
                    K(
                        "2.03",
                        "Koordinasi Perencanaan Bidang Infrastruktur dan Kewilayahan",
                        "Infrastruktur dan Kewilayahan",
                        [
                            "0001:Koordinasi Perencanaan Infrastruktur Kewilayahan",
                            "0002:Koordinasi Perencanaan Perekonomian Daerah",
                        ],
                    ),
                ],
            ),
            P(
                "5.05.02",
                "Program Penelitian dan Pengembangan Daerah",
                "Bidang Riset dan Inovasi",
                "Meningkatnya hasil riset dan inovasi yang diterapkan",
                [p("Jumlah inovasi daerah yang diterapkan", "inovasi", 42, 8)],
                [1],
                [
                    K(
                        "2.01",
                        "Penelitian dan Pengembangan Bidang Penyelenggaraan Pemerintahan dan Pengkajian Peraturan",
                        None,
                        ["0001:Kajian Kebijakan Pembangunan Daerah", "0002:Fasilitasi Kompetisi Inovasi Daerah"],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="BPKAD",
        name="Badan Pengelolaan Keuangan dan Aset Daerah",
        head="Kepala Badan Pengelolaan Keuangan dan Aset Daerah",
        prefix="5.02",
        staff=50,
        sub=None,
        pemda=[10],
        deg=["S.E.", "S.Ak.", "S.E.", "S.H.", "S.Kom."],
        fung=[
            "Analis Keuangan Pusat dan Daerah Ahli Muda",
            "Analis Keuangan Pusat dan Daerah Ahli Pertama",
            "Penata Laporan Keuangan",
            "Pengelola Barang Milik Daerah",
            "Bendahara Umum Daerah",
            "Pengelola Keuangan",
            "Pranata Komputer Ahli Pertama",
        ],
        tujuan=[
            (
                "Meningkatnya tata kelola keuangan dan aset daerah yang akuntabel",
                [p("Persentase realisasi belanja daerah", "%", 91, 1.5)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya kualitas pengelolaan keuangan daerah",
                [p("Nilai indeks pengelolaan keuangan daerah", "indeks", 68, 3)],
                [0],
            ),
            (
                "Meningkatnya tertib administrasi barang milik daerah",
                [p("Persentase aset daerah yang bersertifikat", "%", 47, 7)],
                [0],
            ),
        ],
        programs=[
            P(
                "5.02.02",
                "Program Pengelolaan Keuangan Daerah",
                "Bidang Anggaran dan Perbendaharaan",
                "Meningkatnya ketepatan waktu penetapan APBD dan pelaksanaan anggaran",
                [p("Persentase SP2D yang diterbitkan tepat waktu", "%", 93, 2)],
                [0],
                [
                    K(
                        "2.01",
                        "Koordinasi dan Penyusunan Rencana Anggaran Daerah",
                        "Anggaran",
                        [
                            "0001:Koordinasi dan Penyusunan KUA dan PPAS",
                            "0002:Koordinasi, Penyusunan dan Verifikasi RKA-SKPD",
                            "0003:Koordinasi dan Penyusunan Perubahan APBD",
                        ],
                    ),
                    K(
                        "2.02",
                        "Koordinasi dan Pengelolaan Perbendaharaan Daerah",
                        "Perbendaharaan",
                        [
                            "0001:Koordinasi dan Penyusunan Anggaran Kas",
                            "0002:Penerbitan SP2D dan Pengelolaan Kas Daerah",
                        ],
                    ),
                    K(
                        "2.03",
                        "Koordinasi dan Pelaksanaan Akuntansi dan Pelaporan Keuangan Daerah",
                        None,
                        [
                            "0001:Koordinasi Pelaksanaan Akuntansi Pemerintah Daerah",
                            "0003:Penyusunan Laporan Keuangan Pemerintah Daerah",
                        ],
                        unit="Bidang Akuntansi dan Pelaporan",
                    ),
                ],
            ),
            P(
                "5.02.03",
                "Program Pengelolaan Barang Milik Daerah",
                "Bidang Aset",
                "Meningkatnya akurasi data dan pengamanan barang milik daerah",
                [p("Persentase barang milik daerah yang terinventarisasi", "%", 82, 5)],
                [1],
                [
                    K(
                        "2.01",
                        "Pengelolaan Barang Milik Daerah",
                        None,
                        [
                            "0001:Penatausahaan Barang Milik Daerah",
                            "0002:Pengamanan Barang Milik Daerah",
                            "0004:Inventarisasi dan Penilaian Barang Milik Daerah",
                        ],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="BAPENDA",
        name="Badan Pendapatan Daerah",
        head="Kepala Badan Pendapatan Daerah",
        prefix="5.02",
        staff=45,
        sub=None,
        pemda=[12],
        deg=["S.E.", "S.Ak.", "S.H.", "S.Sos.", "S.Kom."],
        fung=[
            "Pemeriksa Pajak Daerah",
            "Penilai Pajak Bumi dan Bangunan Ahli Pertama",
            "Juru Pungut Pajak Daerah",
            "Penata Layanan Operasional",
            "Pengelola Data Pajak",
            "Pranata Komputer Terampil",
        ],
        tujuan=[("Meningkatnya pendapatan asli daerah", [p("Pertumbuhan PAD", "%", 7.5, 0.5)])],
        sasaran=[
            (
                "Meningkatnya penerimaan pajak dan retribusi daerah",
                [
                    p("Persentase realisasi penerimaan pajak daerah terhadap target", "%", 96, 1),
                    n("Rasio tunggakan PBB-P2", "%", 18.5, -1.5),
                ],
                [0],
            )
        ],
        programs=[
            P(
                "5.02.04",
                "Program Pengelolaan Pendapatan Daerah",
                "Bidang Pajak Daerah",
                "Meningkatnya kepatuhan wajib pajak daerah",
                [p("Persentase wajib pajak yang patuh", "%", 71, 4)],
                [0],
                [
                    K(
                        "2.01",
                        "Pengelolaan Pendapatan Daerah",
                        "Pendataan dan Penetapan",
                        [
                            "0001:Perencanaan Pengelolaan Pajak Daerah",
                            "0002:Analisa dan Pengembangan Pajak Daerah",
                            "0003:Penyuluhan dan Penyebarluasan Kebijakan Pajak Daerah",
                        ],
                    ),
                    K(
                        "2.02",
                        "Pengelolaan Pajak Bumi dan Bangunan Perdesaan dan Perkotaan",
                        "PBB-P2 dan BPHTB",
                        ["0001:Pendataan dan Pemutakhiran Objek PBB-P2", "0002:Penagihan Tunggakan PBB-P2"],
                    ),
                ],
            ),
            P(
                "5.02.04",
                "",
                "Bidang Retribusi dan Pendapatan Lain",
                "Meningkatnya penerimaan retribusi daerah",
                [p("Persentase realisasi retribusi daerah terhadap target", "%", 89, 2)],
                [0],
                [
                    K(
                        "2.03",
                        "Pengelolaan Retribusi Daerah",
                        None,
                        [
                            "0001:Intensifikasi dan Ekstensifikasi Retribusi Daerah",
                            "0002:Pengawasan Penerimaan Retribusi Daerah",
                        ],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="BKPSDM",
        name="Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        head="Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
        prefix="5.03",
        staff=41,
        sub=None,
        pemda=[11],
        deg=["S.Psi.", "S.E.", "S.H.", "S.Sos.", "S.Kom."],
        fung=[
            "Analis Sumber Daya Manusia Aparatur Ahli Muda",
            "Analis Sumber Daya Manusia Aparatur Ahli Pertama",
            "Asesor Sumber Daya Manusia Aparatur Ahli Pertama",
            "Pranata Sumber Daya Manusia Aparatur Terampil",
            "Widyaiswara Ahli Muda",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            ("Meningkatnya profesionalitas aparatur sipil negara", [p("Indeks Profesionalitas ASN", "indeks", 66, 3)])
        ],
        sasaran=[
            (
                "Meningkatnya kualitas manajemen ASN berbasis sistem merit",
                [p("Indeks Sistem Merit", "indeks", 0.62, 0.05)],
                [0],
            )
        ],
        programs=[
            P(
                "5.03.02",
                "Program Kepegawaian Daerah",
                "Bidang Mutasi dan Pengembangan Karier",
                "Meningkatnya kualitas pengelolaan karier ASN",
                [p("Persentase jabatan yang diisi melalui manajemen talenta", "%", 20, 10)],
                [0],
                [
                    K(
                        "2.01",
                        "Pengadaan, Pemberhentian dan Informasi Kepegawaian ASN",
                        "Pengadaan dan Informasi",
                        [
                            "0001:Penyusunan Rencana Kebutuhan, Jenis dan Jumlah Jabatan",
                            "0003:Pengelolaan Data dan Sistem Informasi Kepegawaian",
                        ],
                    ),
                    K(
                        "2.02",
                        "Mutasi dan Promosi ASN",
                        "Mutasi dan Promosi",
                        ["0001:Pengelolaan Mutasi ASN", "0002:Pengelolaan Promosi ASN melalui Uji Kompetensi"],
                    ),
                    K(
                        "2.03",
                        "Pengembangan Kompetensi ASN",
                        None,
                        [
                            "0001:Pengembangan Kompetensi Teknis",
                            "0002:Sertifikasi, Kelembagaan, Pengembangan Kompetensi Manajerial dan Fungsional",
                        ],
                        unit="Bidang Pengembangan Kompetensi Aparatur",
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="KESBANGPOL",
        name="Badan Kesatuan Bangsa dan Politik",
        head="Kepala Badan Kesatuan Bangsa dan Politik",
        prefix="8.01",
        staff=31,
        sub=None,
        pemda=[13],
        deg=["S.IP.", "S.Sos.", "S.H.", "S.Pd."],
        fung=[
            "Analis Kebijakan Ahli Pertama",
            "Analis Politik dan Pemerintahan",
            "Pengelola Kewaspadaan Nasional",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            (
                "Meningkatnya kondusivitas kehidupan politik dan sosial kemasyarakatan",
                [p("Indeks Demokrasi Indonesia tingkat kabupaten", "", 76.2, 0.8)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya wawasan kebangsaan dan kewaspadaan dini masyarakat",
                [n("Jumlah konflik sosial", "kasus", 6, -1)],
                [0],
            )
        ],
        programs=[
            P(
                "8.01.02",
                "Program Penguatan Ideologi Pancasila dan Karakter Kebangsaan",
                "Bidang Ideologi dan Wawasan Kebangsaan",
                "Meningkatnya pemahaman ideologi Pancasila dan wawasan kebangsaan",
                [p("Persentase peserta pembinaan wawasan kebangsaan yang meningkat pemahamannya", "%", 70, 5)],
                [0],
                [
                    K(
                        "2.01",
                        "Perumusan Kebijakan Teknis dan Pemantapan Pelaksanaan Bidang Ideologi Pancasila dan Karakter Kebangsaan",
                        None,
                        [
                            "0001:Penguatan Ideologi Pancasila dan Karakter Kebangsaan",
                            "0002:Pembinaan Bela Negara dan Wawasan Kebangsaan",
                        ],
                    )
                ],
            ),
            P(
                "8.01.06",
                "Program Peningkatan Kewaspadaan Nasional dan Peningkatan Kualitas dan Fasilitasi Penanganan Konflik Sosial",
                "Bidang Kewaspadaan Nasional dan Penanganan Konflik",
                "Meningkatnya deteksi dini dan penanganan potensi konflik sosial",
                [p("Persentase potensi konflik yang tertangani", "%", 85, 3)],
                [0],
                [
                    K(
                        "2.01",
                        "Perumusan Kebijakan Teknis dan Pelaksanaan Pemantapan Kewaspadaan Nasional dan Penanganan Konflik Sosial",
                        None,
                        [
                            "0001:Penyelenggaraan Forum Kewaspadaan Dini Masyarakat",
                            "0003:Pemantauan Orang Asing dan Tenaga Kerja Asing",
                        ],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="BPBD",
        name="Badan Penanggulangan Bencana Daerah",
        head="Kepala Pelaksana Badan Penanggulangan Bencana Daerah",
        prefix="1.05",
        staff=36,
        sub=None,
        pemda=[],
        deg=["S.T.", "S.Sos.", "S.Si.", "S.KM."],
        fung=[
            "Analis Bencana Ahli Pertama",
            "Operator Pusat Pengendalian Operasi",
            "Pengelola Logistik Kebencanaan",
            "Penata Layanan Operasional",
            "Pengemudi Operasional",
        ],
        tujuan=[
            (
                "Meningkatnya ketangguhan masyarakat dalam menghadapi bencana",
                [n("Indeks Risiko Bencana Kabupaten", "indeks", 142.3, -3.5)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya kapasitas pencegahan dan kesiapsiagaan bencana",
                [p("Persentase desa tangguh bencana", "%", 12, 4)],
                [0],
            ),
            (
                "Meningkatnya kecepatan penanganan darurat dan rehabilitasi pascabencana",
                [p("Persentase kejadian bencana yang ditangani kurang dari 24 jam", "%", 88, 3)],
                [0],
            ),
        ],
        programs=[
            P(
                "1.05.03",
                "Program Penanggulangan Bencana",
                "Bidang Pencegahan dan Kesiapsiagaan",
                "Meningkatnya kesiapsiagaan masyarakat terhadap bencana",
                [p("Jumlah desa tangguh bencana yang dibentuk", "desa", 14, 6)],
                [0],
                [
                    K(
                        "2.01",
                        "Pelayanan Informasi Rawan Bencana Kabupaten/Kota",
                        "Pencegahan",
                        [
                            "0001:Penyusunan Kajian Risiko Bencana",
                            "0002:Sosialisasi, Komunikasi, Informasi dan Edukasi Rawan Bencana",
                        ],
                    ),
                    K(
                        "2.02",
                        "Pelayanan Pencegahan dan Kesiapsiagaan terhadap Bencana",
                        "Kesiapsiagaan",
                        [
                            "0001:Penguatan Kapasitas Kawasan untuk Pencegahan dan Kesiapsiagaan",
                            "0003:Pembentukan Desa Tangguh Bencana",
                        ],
                    ),
                ],
            ),
            P(
                "1.05.03",
                "",
                "Bidang Kedaruratan, Logistik, Rehabilitasi dan Rekonstruksi",
                "Meningkatnya kecepatan respon darurat dan pemulihan pascabencana",
                [n("Rata-rata waktu respon kejadian bencana", "jam", 6, -1)],
                [1],
                [
                    K(
                        "2.03",
                        "Pelayanan Penyelamatan dan Evakuasi Korban Bencana",
                        "Kedaruratan dan Logistik",
                        [
                            "0001:Respon Cepat Darurat Bencana",
                            "0002:Penyediaan Logistik Penyelamatan dan Evakuasi Korban Bencana",
                        ],
                    ),
                    K(
                        "2.04",
                        "Penataan Sistem Dasar Penanggulangan Bencana",
                        "Rehabilitasi dan Rekonstruksi",
                        [
                            "0001:Penyediaan Sarana dan Prasarana Pusdalops",
                            "0002:Rehabilitasi dan Rekonstruksi Pascabencana",
                        ],
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="DISDIK",
        name="Dinas Pendidikan dan Kebudayaan",
        head="Kepala Dinas Pendidikan dan Kebudayaan",
        prefix="1.01",
        staff=60,
        sub=None,
        pemda=[1],
        deg=["S.Pd.", "S.Pd.", "S.Pd.I.", "S.Kom.", "S.E.", "S.Sn."],
        fung=[
            "Pengawas Sekolah Ahli Madya",
            "Pengawas Sekolah Ahli Muda",
            "Penilik Ahli Pertama",
            "Pamong Belajar Ahli Muda",
            "Analis Kurikulum",
            "Pengelola Data Pendidikan",
            "Pamong Budaya Ahli Pertama",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            ("Meningkatnya akses dan mutu layanan pendidikan", [p("Angka Partisipasi Murni SMP/MTs", "%", 78.4, 1.5)])
        ],
        sasaran=[
            (
                "Meningkatnya akses pendidikan dasar dan anak usia dini",
                [p("Angka Partisipasi Kasar PAUD", "%", 61, 3), n("Angka putus sekolah SMP", "%", 0.42, -0.08)],
                [0],
            ),
            (
                "Meningkatnya mutu pendidikan dan pelestarian kebudayaan",
                [p("Persentase satuan pendidikan terakreditasi minimal B", "%", 83, 3)],
                [0],
            ),
        ],
        programs=[
            P(
                "1.01.02",
                "Program Pengelolaan Pendidikan",
                "Bidang Pembinaan Sekolah Dasar",
                "Meningkatnya layanan pendidikan dasar sesuai standar",
                [p("Angka Partisipasi Murni SD/MI", "%", 97.2, 0.4)],
                [0],
                [
                    K(
                        "2.01",
                        "Pengelolaan Pendidikan Sekolah Dasar",
                        "Kurikulum dan Kesiswaan SD",
                        [
                            "0001:Pembangunan Unit Sekolah Baru",
                            "0004:Rehabilitasi Sedang/Berat Ruang Kelas Sekolah",
                            "0009:Pengadaan Perlengkapan Sekolah",
                            "0020:Pengelolaan Dana BOS Sekolah Dasar",
                        ],
                        p("Persentase ruang kelas SD dalam kondisi baik", "%", 71, 5),
                    ),
                ],
            ),
            P(
                "1.01.02",
                "",
                "Bidang Pembinaan Sekolah Menengah Pertama",
                "Meningkatnya akses dan mutu layanan pendidikan sekolah menengah pertama",
                [
                    p("Angka Partisipasi Kasar SMP/MTs", "%", 91.4, 0.8),
                    p("Persentase SMP terakreditasi minimal B", "%", 78, 4),
                ],
                [0],
                [
                    K(
                        "2.02",
                        "Pengelolaan Pendidikan Sekolah Menengah Pertama",
                        "Kurikulum dan Kesiswaan SMP",
                        [
                            "0004:Rehabilitasi Sedang/Berat Ruang Kelas Sekolah",
                            "0021:Pengelolaan Dana BOS Sekolah Menengah Pertama",
                            "0032:Penyediaan Pendidik dan Tenaga Kependidikan bagi Satuan Pendidikan SMP",
                        ],
                    ),
                ],
            ),
            P(
                "1.01.02",
                "",
                "Bidang PAUD dan Pendidikan Nonformal",
                "Meningkatnya akses layanan PAUD dan pendidikan kesetaraan",
                [p("Persentase desa yang memiliki satuan PAUD", "%", 88, 3)],
                [0],
                [
                    K(
                        "2.03",
                        "Pengelolaan Pendidikan Anak Usia Dini (PAUD)",
                        "PAUD",
                        ["0005:Pengadaan Perlengkapan Sekolah", "0016:Pembinaan Kelembagaan dan Manajemen PAUD"],
                    ),
                    K(
                        "2.04",
                        "Pengelolaan Pendidikan Nonformal/Kesetaraan",
                        "Pendidikan Nonformal",
                        [
                            "0009:Penyediaan Biaya Personil Peserta Didik Nonformal/Kesetaraan",
                            "0011:Pembinaan Penyelenggaraan Pendidikan Kesetaraan",
                        ],
                    ),
                ],
            ),
            P(
                "1.01.03",
                "Program Pengembangan Kurikulum",
                "Bidang Pembinaan Sekolah Dasar",
                "Meningkatnya mutu pembelajaran di satuan pendidikan",
                [p("Persentase sekolah yang menerapkan Kurikulum Merdeka", "%", 76, 8)],
                [1],
                [
                    K(
                        "2.01",
                        "Penetapan Kurikulum Muatan Lokal Pendidikan Dasar",
                        "Kurikulum dan Kesiswaan SD",
                        [
                            "0001:Penyusunan Kurikulum Muatan Lokal Pendidikan Dasar",
                            "0002:Pengembangan Kurikulum Muatan Lokal Bahasa Daerah",
                        ],
                    )
                ],
            ),
            P(
                "2.22.02",
                "Program Pengembangan Kebudayaan",
                "Bidang Kebudayaan",
                "Meningkatnya pelestarian objek dan nilai budaya daerah",
                [p("Persentase cagar budaya yang dilestarikan", "%", 40, 5)],
                [1],
                [
                    K(
                        "2.01",
                        "Pengelolaan Kebudayaan yang Masyarakat Pelakunya dalam Daerah Kabupaten/Kota",
                        None,
                        [
                            "0002:Pelestarian Kesenian Tradisional",
                            "0003:Pembinaan Kelembagaan dan Sumber Daya Manusia Kebudayaan",
                        ],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="DINKES",
        name="Dinas Kesehatan",
        head="Kepala Dinas Kesehatan",
        prefix="1.02",
        staff=70,
        sub=None,
        pemda=[0],
        deg=["S.KM.", "S.KM.", "S.Kep.", "S.Farm.", "S.Gz.", "S.Tr.Keb."],
        fung=[
            "Epidemiolog Kesehatan Ahli Muda",
            "Nutrisionis Ahli Pertama",
            "Sanitarian Terampil",
            "Penyuluh Kesehatan Masyarakat Ahli Muda",
            "Administrator Kesehatan Ahli Muda",
            "Dokter Ahli Pertama",
            "Bidan Terampil",
            "Perawat Ahli Pertama",
            "Apoteker Ahli Pertama",
            "Pranata Komputer Ahli Pertama",
        ],
        tujuan=[("Meningkatnya derajat kesehatan masyarakat", [p("Indeks Keluarga Sehat", "indeks", 0.21, 0.04)])],
        sasaran=[
            (
                "Meningkatnya kesehatan ibu, anak, dan status gizi masyarakat",
                [n("Angka Kematian Ibu", "per 100.000 KH", 98, -6), n("Prevalensi stunting", "%", 21.4, -2.2)],
                [0],
            ),
            (
                "Meningkatnya pengendalian penyakit dan mutu layanan kesehatan dasar",
                [
                    n("Angka kesakitan DBD", "per 100.000 penduduk", 38, -3),
                    p("Persentase Puskesmas terakreditasi paripurna", "%", 32, 8),
                ],
                [0],
            ),
        ],
        programs=[
            P(
                "1.02.02",
                "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
                "Bidang Kesehatan Masyarakat",
                "Meningkatnya cakupan pelayanan kesehatan ibu, anak, dan gizi",
                [
                    n("Angka Kematian Bayi", "per 1.000 KH", 8.9, -0.4),
                    p("Cakupan pelayanan kesehatan ibu hamil sesuai standar", "%", 88, 2),
                ],
                [0],
                [
                    K(
                        "2.02",
                        "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
                        "Kesehatan Keluarga dan Gizi",
                        [
                            "0001:Pengelolaan Pelayanan Kesehatan Ibu Hamil",
                            "0003:Pengelolaan Pelayanan Kesehatan Bayi Baru Lahir",
                            "0004:Pengelolaan Pelayanan Kesehatan Balita",
                            "0008:Pengelolaan Pelayanan Kesehatan Usia Lanjut",
                            "0011:Pengelolaan Pelayanan Kesehatan Penderita Tuberkulosis",
                            "0012:Pengelolaan Pelayanan Kesehatan Orang dengan Risiko Terinfeksi HIV",
                            "0016:Pengelolaan Pelayanan Kesehatan Gizi Masyarakat",
                            "0019:Pengelolaan Surveilans Kesehatan",
                            "0020:Pengelolaan Pelayanan Imunisasi",
                            "0033:Operasional Pelayanan Puskesmas",
                        ],
                        n("Jumlah kasus gizi buruk", "kasus", 12, -6),
                    ),
                    K(
                        "2.04",
                        "Penerbitan Izin Rumah Sakit Kelas C, D dan Fasilitas Pelayanan Kesehatan Tingkat Daerah Kabupaten/Kota",
                        "Kesehatan Lingkungan dan Kesehatan Kerja",
                        [
                            "0001:Pengendalian dan Pengawasan serta Tindak Lanjut Pengawasan Perizinan Fasilitas Pelayanan Kesehatan",
                            "0002:Peningkatan Mutu Pelayanan Fasilitas Kesehatan",
                        ],
                    ),
                ],
            ),
            P(
                "1.02.02",
                "",
                "Bidang Pencegahan dan Pengendalian Penyakit",
                "Meningkatnya pengendalian penyakit menular",
                [
                    p("Cakupan imunisasi dasar lengkap", "%", 87, 2.5),
                    p("Cakupan penemuan dan pengobatan kasus tuberkulosis", "%", 71, 5),
                ],
                [1],
                [
                    K(
                        "2.01",
                        "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota",
                        "Surveilans dan Imunisasi",
                        [
                            "0001:Pembangunan Puskesmas",
                            "0014:Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan",
                            "0017:Rehabilitasi dan Pemeliharaan Puskesmas",
                        ],
                    ),
                    K(
                        "2.03",
                        "Penyelenggaraan Sistem Informasi Kesehatan secara Terintegrasi",
                        "Pencegahan dan Pengendalian Penyakit Menular",
                        [
                            "0001:Pengelolaan Data dan Informasi Kesehatan",
                            "0002:Pengelolaan Sistem Informasi Kesehatan",
                        ],
                        p("Persentase puskesmas yang melaporkan data surveilans tepat waktu", "%", 82, 4),
                    ),
                ],
            ),
            P(
                "1.02.03",
                "Program Peningkatan Kapasitas Sumber Daya Manusia Kesehatan",
                "Bidang Sumber Daya Kesehatan",
                "Meningkatnya pemenuhan dan kompetensi tenaga kesehatan",
                [p("Persentase Puskesmas dengan sembilan jenis tenaga kesehatan sesuai standar", "%", 58, 8)],
                [1],
                [
                    K(
                        "2.02",
                        "Perencanaan Kebutuhan dan Pendayagunaan Sumberdaya Manusia Kesehatan untuk UKP dan UKM di Wilayah Kabupaten/Kota",
                        "Sumber Daya Manusia Kesehatan",
                        [
                            "0001:Pemenuhan Kebutuhan Sumber Daya Manusia Kesehatan sesuai Standar",
                            "0002:Distribusi dan Pemerataan Sumber Daya Manusia Kesehatan",
                        ],
                    )
                ],
            ),
            P(
                "1.02.04",
                "Program Sediaan Farmasi, Alat Kesehatan dan Makanan Minuman",
                "Bidang Sumber Daya Kesehatan",
                "Meningkatnya ketersediaan obat dan keamanan pangan olahan",
                [p("Persentase Puskesmas dengan ketersediaan obat esensial", "%", 86, 3)],
                [1],
                [
                    K(
                        "2.03",
                        "Penerbitan Sertifikat Produksi Pangan Industri Rumah Tangga dan Nomor P-IRT sebagai Izin Produksi, untuk Produk Makanan Minuman Tertentu yang Dapat Diproduksi oleh Industri Rumah Tangga",
                        "Kefarmasian dan Alat Kesehatan",
                        [
                            "0001:Pengendalian dan Pengawasan serta Tindak Lanjut Pengawasan Sertifikat Produksi Pangan Industri Rumah Tangga"
                        ],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="RSUD",
        name="Rumah Sakit Umum Daerah Sukamaju",
        head="Direktur RSUD Sukamaju",
        prefix="1.02",
        staff=215,
        sub="Seksi",
        pemda=[0],
        penunjang_unit="Bagian Tata Usaha",
        deg=["S.Kep.", "S.Farm.", "S.KM.", "S.E.", "S.Tr.Kes."],
        fung=[
            "Perawat Ahli Pertama",
            "Perawat Terampil",
            "Perawat Ahli Muda",
            "Dokter Ahli Pertama",
            "Dokter Ahli Muda",
            "Dokter Spesialis Ahli Muda",
            "Bidan Terampil",
            "Apoteker Ahli Pertama",
            "Asisten Apoteker Terampil",
            "Pranata Laboratorium Kesehatan Terampil",
            "Radiografer Terampil",
            "Perekam Medis Terampil",
            "Nutrisionis Terampil",
            "Fisioterapis Terampil",
        ],
        tujuan=[
            (
                "Meningkatnya mutu pelayanan kesehatan rujukan",
                [n("Gross Death Rate", "per 1.000 pasien keluar", 38, -2)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya mutu dan keselamatan pelayanan rumah sakit",
                [
                    n("Net Death Rate", "per 1.000 pasien keluar", 21, -1),
                    p("Indeks Kepuasan Pasien", "indeks", 80.6, 1.2),
                ],
                [0],
            )
        ],
        programs=[
            P(
                "1.02.02",
                "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
                "Bidang Pelayanan Medis",
                "Meningkatnya mutu pelayanan medis dan penunjang medis",
                [p("Bed Occupancy Rate", "%", 68, 3), n("Rata-rata waktu tunggu rawat jalan", "menit", 75, -10)],
                [0],
                [
                    K(
                        "2.02",
                        "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota",
                        "Pelayanan Medis",
                        [
                            "0025:Pengelolaan Pelayanan Kesehatan Rujukan",
                            "0036:Operasional Pelayanan Rumah Sakit",
                            "0040:Pengelolaan Layanan Kegawatdaruratan",
                            "0041:Pengelolaan Pelayanan Penunjang Medik",
                        ],
                        n("Angka kejadian infeksi nosokomial", "%", 1.6, -0.2),
                    ),
                    K(
                        "2.03",
                        "Penyelenggaraan Sistem Informasi Kesehatan secara Terintegrasi",
                        "Penunjang Medis",
                        ["0001:Pengelolaan Sistem Informasi Kesehatan", "0002:Pengelolaan Rekam Medis Elektronik"],
                    ),
                ],
            ),
            P(
                "1.02.02",
                "",
                "Bidang Keperawatan",
                "Meningkatnya mutu asuhan keperawatan dan sarana pelayanan",
                [p("Persentase kepatuhan identifikasi pasien", "%", 92, 2)],
                [0],
                [
                    K(
                        "2.01",
                        "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota",
                        "Keperawatan",
                        [
                            "0010:Pengembangan Rumah Sakit",
                            "0014:Pengadaan Alat Kesehatan/Alat Penunjang Medik Fasilitas Pelayanan Kesehatan",
                            "0020:Pemeliharaan Sarana Fasilitas Pelayanan Kesehatan",
                        ],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="DPUPR",
        name="Dinas Pekerjaan Umum dan Penataan Ruang",
        head="Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
        prefix="1.03",
        staff=57,
        sub=None,
        pemda=[8],
        deg=["S.T.", "S.T.", "S.T.", "S.PWK.", "S.E."],
        fung=[
            "Teknik Jalan dan Jembatan Ahli Muda",
            "Teknik Jalan dan Jembatan Ahli Pertama",
            "Teknik Pengairan Ahli Pertama",
            "Penata Ruang Ahli Pertama",
            "Pengawas Jalan dan Jembatan",
            "Pembina Jasa Konstruksi Ahli Pertama",
            "Operator Alat Berat",
        ],
        tujuan=[
            (
                "Meningkatnya kualitas infrastruktur jalan, irigasi, dan tata ruang",
                [p("Indeks infrastruktur wilayah", "indeks", 58, 2)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya kemantapan jalan dan jembatan kabupaten",
                [p("Persentase jalan kabupaten dalam kondisi mantap", "%", 68.5, 3.0)],
                [0],
            ),
            (
                "Meningkatnya layanan irigasi dan kesesuaian pemanfaatan ruang",
                [p("Persentase jaringan irigasi kabupaten dalam kondisi baik", "%", 63, 3)],
                [0],
            ),
        ],
        programs=[
            P(
                "1.03.10",
                "Program Penyelenggaraan Jalan",
                "Bidang Bina Marga",
                "Meningkatnya kondisi jalan dan jembatan kabupaten",
                [
                    p("Panjang jalan kabupaten yang ditingkatkan", "km", 42, 6),
                    n("Persentase jalan kabupaten rusak berat", "%", 11.4, -1.5),
                ],
                [0],
                [
                    K(
                        "2.01",
                        "Penyelenggaraan Jalan Kabupaten/Kota",
                        "Pembangunan dan Peningkatan Jalan",
                        [
                            "0009:Rekonstruksi Jalan",
                            "0011:Rehabilitasi Jalan",
                            "0012:Pemeliharaan Berkala Jalan",
                            "0014:Peningkatan Kapasitas Struktur Jalan",
                            "0015:Pemeliharaan Rutin Jalan",
                        ],
                        p("Panjang jalan kabupaten yang dipelihara", "km", 310, 20),
                    ),
                    K(
                        "2.02",
                        "Penyelenggaraan Jembatan Kabupaten/Kota",
                        "Jembatan",
                        ["0002:Pembangunan Jembatan", "0005:Rehabilitasi Jembatan", "0006:Pemeliharaan Rutin Jembatan"],
                    ),
                ],
            ),
            P(
                "1.03.02",
                "Program Pengelolaan Sumber Daya Air (SDA)",
                "Bidang Sumber Daya Air",
                "Meningkatnya luas layanan jaringan irigasi",
                [p("Luas daerah irigasi yang terlayani dengan baik", "ha", 9800, 250)],
                [1],
                [
                    K(
                        "2.02",
                        "Pengembangan dan Pengelolaan Sistem Irigasi Primer dan Sekunder pada Daerah Irigasi yang Luasnya dibawah 1000 Ha dalam 1 (satu) Daerah Kabupaten/Kota",
                        "Irigasi",
                        [
                            "0002:Rehabilitasi Jaringan Irigasi Permukaan",
                            "0008:Operasi dan Pemeliharaan Jaringan Irigasi Permukaan",
                        ],
                    )
                ],
            ),
            P(
                "1.03.12",
                "Program Penyelenggaraan Penataan Ruang",
                "Bidang Tata Ruang",
                "Meningkatnya kepatuhan pemanfaatan ruang",
                [p("Persentase kesesuaian pemanfaatan ruang dengan RTRW", "%", 74, 3)],
                [1],
                [
                    K(
                        "2.01",
                        "Penetapan Rencana Tata Ruang Wilayah (RTRW) dan Rencana Rinci Tata Ruang (RRTR) Kabupaten/Kota",
                        None,
                        [
                            "0001:Penyusunan Rencana Detail Tata Ruang",
                            "0003:Koordinasi dan Sinkronisasi Penataan Ruang",
                        ],
                    ),
                    K(
                        "2.03",
                        "Koordinasi dan Sinkronisasi Pemanfaatan Ruang Daerah Kabupaten/Kota",
                        None,
                        ["0001:Koordinasi Kesesuaian Kegiatan Pemanfaatan Ruang", "0002:Pengawasan Penataan Ruang"],
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="DPRKP",
        name="Dinas Perumahan Rakyat dan Kawasan Permukiman",
        head="Kepala Dinas Perumahan Rakyat dan Kawasan Permukiman",
        prefix="1.04",
        staff=36,
        sub=None,
        pemda=[8],
        deg=["S.T.", "S.T.", "S.PWK.", "S.E.", "S.KM."],
        fung=[
            "Teknik Penyehatan Lingkungan Ahli Pertama",
            "Penata Kawasan Permukiman Ahli Pertama",
            "Teknik Tata Bangunan dan Perumahan Ahli Pertama",
            "Penata Layanan Operasional",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            (
                "Meningkatnya kualitas perumahan dan kawasan permukiman",
                [n("Persentase kawasan permukiman kumuh", "%", 3.9, -0.6)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya akses rumah layak huni dan sanitasi",
                [
                    n("Persentase rumah tidak layak huni", "%", 9.4, -1.1),
                    p("Persentase rumah tangga dengan akses air minum layak", "%", 84, 2),
                ],
                [0],
            )
        ],
        programs=[
            P(
                "1.04.02",
                "Program Pengembangan Perumahan",
                "Bidang Perumahan",
                "Berkurangnya rumah tidak layak huni",
                [p("Jumlah rumah tidak layak huni yang ditangani", "unit", 420, 60)],
                [0],
                [
                    K(
                        "2.01",
                        "Pendataan Penyediaan dan Rehabilitasi Rumah Korban Bencana atau Relokasi Program Kabupaten/Kota",
                        None,
                        ["0001:Pendataan Rumah Korban Bencana", "0003:Rehabilitasi Rumah Korban Bencana"],
                    ),
                    K(
                        "2.04",
                        "Fasilitasi Penyediaan Rumah Layak Huni bagi Masyarakat Berpenghasilan Rendah",
                        None,
                        ["0001:Peningkatan Kualitas Rumah Tidak Layak Huni", "0002:Pendataan Rumah Tidak Layak Huni"],
                    ),
                ],
            ),
            P(
                "1.04.03",
                "Program Kawasan Permukiman",
                "Bidang Kawasan Permukiman dan Sanitasi",
                "Meningkatnya akses sanitasi dan air minum di kawasan permukiman",
                [p("Persentase desa dengan status Stop Buang Air Besar Sembarangan", "%", 62, 8)],
                [0],
                [
                    K(
                        "2.02",
                        "Penataan dan Peningkatan Kualitas Kawasan Permukiman Kumuh dengan Luas di Bawah 10 (Sepuluh) Ha",
                        "Kawasan Permukiman",
                        [
                            "0001:Perbaikan Rumah Tidak Layak Huni di Kawasan Kumuh",
                            "0004:Pembangunan Sarana Sanitasi Komunal",
                        ],
                    ),
                ],
            ),
            P(
                "1.03.03",
                "Program Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum",
                "Bidang Kawasan Permukiman dan Sanitasi",
                "Meningkatnya layanan air minum perpipaan",
                [p("Jumlah sambungan rumah air minum perpipaan", "sambungan rumah", 8600, 450)],
                [0],
                [
                    K(
                        "2.01",
                        "Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum (SPAM) di Daerah Kabupaten/Kota",
                        "Air Minum dan Sanitasi",
                        [
                            "0001:Pembangunan SPAM Jaringan Perpipaan di Kawasan Perdesaan",
                            "0002:Perluasan SPAM Jaringan Perpipaan",
                        ],
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="SATPOLPP",
        name="Satuan Polisi Pamong Praja",
        head="Kepala Satuan Polisi Pamong Praja",
        prefix="1.05",
        staff=62,
        sub=None,
        pemda=[13],
        deg=["S.H.", "S.Sos.", "S.IP.", "S.STP."],
        fung=[
            "Polisi Pamong Praja Terampil",
            "Polisi Pamong Praja Mahir",
            "Polisi Pamong Praja Ahli Pertama",
            "Penyidik Pegawai Negeri Sipil",
            "Pengadministrasi Perkantoran",
            "Pengemudi Operasional",
        ],
        tujuan=[
            (
                "Meningkatnya ketenteraman dan ketertiban umum",
                [n("Jumlah pelanggaran Perda dan Perkada", "kasus", 185, -15)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya penegakan Perda dan perlindungan masyarakat",
                [p("Persentase penegakan Perda yang tuntas", "%", 72, 4)],
                [0],
            )
        ],
        programs=[
            P(
                "1.05.02",
                "Program Peningkatan Ketenteraman dan Ketertiban Umum",
                "Bidang Penegakan Perundang-undangan Daerah",
                "Meningkatnya kepatuhan masyarakat terhadap Perda",
                [p("Persentase pelanggaran Perda yang ditindaklanjuti", "%", 80, 4)],
                [0],
                [
                    K(
                        "2.01",
                        "Penanganan Gangguan Ketenteraman dan Ketertiban Umum dalam 1 (Satu) Daerah Kabupaten/Kota",
                        "Operasi dan Pengendalian",
                        [
                            "0001:Pencegahan Gangguan Ketenteraman dan Ketertiban Umum melalui Deteksi Dini dan Cegah Dini",
                            "0002:Penyediaan Sarana dan Prasarana Ketenteraman dan Ketertiban Umum",
                            "0004:Patroli Wilayah Ketenteraman dan Ketertiban Umum",
                        ],
                    ),
                    K(
                        "2.02",
                        "Penegakan Peraturan Daerah Kabupaten/Kota dan Peraturan Bupati/Wali Kota",
                        "Penegakan Perda",
                        [
                            "0001:Penyelidikan dan Penyidikan Pelanggaran Perda",
                            "0002:Pengawasan atas Kepatuhan terhadap Perda dan Perkada",
                        ],
                    ),
                ],
            ),
            P(
                "1.05.04",
                "Program Pencegahan, Penanggulangan, Penyelamatan Kebakaran dan Penyelamatan Non Kebakaran",
                "UPTD Pemadam Kebakaran dan Penyelamatan",
                "Meningkatnya kecepatan respon penanganan kebakaran",
                [n("Waktu tanggap penanganan kebakaran", "menit", 19, -2)],
                [0],
                [
                    K(
                        "2.01",
                        "Pencegahan, Pengendalian, Pemadaman, Penyelamatan, dan Penanganan Bahan Berbahaya dan Beracun Kebakaran dalam Daerah Kabupaten/Kota",
                        None,
                        [
                            "0001:Pencegahan Kebakaran dan Penyelamatan Non Kebakaran",
                            "0002:Pemadaman dan Penanganan Bahan Berbahaya dan Beracun",
                        ],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="DINSOS",
        name="Dinas Sosial",
        head="Kepala Dinas Sosial",
        prefix="1.06",
        staff=41,
        sub=None,
        pemda=[2],
        deg=["S.Sos.", "S.Tr.Sos.", "S.Psi.", "S.E."],
        fung=[
            "Pekerja Sosial Ahli Pertama",
            "Pekerja Sosial Terampil",
            "Penyuluh Sosial Ahli Muda",
            "Pengelola Data Kesejahteraan Sosial",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            (
                "Meningkatnya kesejahteraan sosial penyandang masalah kesejahteraan sosial",
                [n("Persentase penduduk miskin", "%", 10.92, -0.48)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya penanganan PPKS dan akurasi data terpadu kesejahteraan sosial",
                [
                    p("Persentase PPKS yang memperoleh bantuan sosial", "%", 64, 5),
                    p("Persentase data DTSEN yang termutakhirkan", "%", 72, 8),
                ],
                [0],
            )
        ],
        programs=[
            P(
                "1.06.04",
                "Program Rehabilitasi Sosial",
                "Bidang Rehabilitasi Sosial",
                "Meningkatnya pelayanan rehabilitasi sosial dasar",
                [p("Persentase penyandang disabilitas terlantar yang terlayani", "%", 55, 6)],
                [0],
                [
                    K(
                        "2.01",
                        "Rehabilitasi Sosial Dasar Penyandang Disabilitas Terlantar, Anak Terlantar, Lanjut Usia Terlantar, serta Gelandangan Pengemis di Luar Panti Sosial",
                        "Rehabilitasi Sosial",
                        [
                            "0003:Pemberian Permakanan",
                            "0006:Pemberian Alat Bantu",
                            "0008:Pemberian Pelayanan Reunifikasi Keluarga",
                        ],
                    )
                ],
            ),
            P(
                "1.06.05",
                "Program Perlindungan dan Jaminan Sosial",
                "Bidang Perlindungan dan Jaminan Sosial",
                "Meningkatnya perlindungan sosial bagi keluarga miskin",
                [p("Persentase keluarga miskin yang memperoleh jaminan sosial", "%", 70, 5)],
                [0],
                [
                    K(
                        "2.01",
                        "Pemeliharaan Anak-Anak Terlantar",
                        None,
                        ["0001:Penyediaan Kebutuhan Dasar Anak Terlantar"],
                    ),
                    K(
                        "2.02",
                        "Pengelolaan Data Fakir Miskin Cakupan Daerah Kabupaten/Kota",
                        "Data dan Jaminan Sosial",
                        [
                            "0001:Pendataan Fakir Miskin Cakupan Daerah Kabupaten/Kota",
                            "0002:Pengelolaan Data Terpadu Kesejahteraan Sosial",
                        ],
                        p("Persentase desa yang melakukan verifikasi dan validasi DTSEN", "%", 80, 8),
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="DISNAKER",
        name="Dinas Tenaga Kerja dan Transmigrasi",
        head="Kepala Dinas Tenaga Kerja dan Transmigrasi",
        prefix="2.07",
        staff=34,
        sub=None,
        pemda=[7],
        deg=["S.E.", "S.H.", "S.Sos.", "S.T."],
        fung=[
            "Pengantar Kerja Ahli Pertama",
            "Instruktur Ahli Pertama",
            "Mediator Hubungan Industrial Ahli Muda",
            "Pengawas Ketenagakerjaan Ahli Pertama",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            (
                "Menurunnya pengangguran dan meningkatnya kualitas tenaga kerja",
                [n("Tingkat pengangguran terbuka", "%", 7.38, -0.32)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya penempatan dan kompetensi tenaga kerja",
                [p("Persentase pencari kerja yang ditempatkan", "%", 38, 4)],
                [0],
            )
        ],
        programs=[
            P(
                "2.07.03",
                "Program Pelatihan Kerja dan Produktivitas Tenaga Kerja",
                "Bidang Pelatihan dan Produktivitas",
                "Meningkatnya kompetensi angkatan kerja",
                [p("Persentase lulusan pelatihan berbasis kompetensi yang bersertifikat", "%", 61, 5)],
                [0],
                [
                    K(
                        "2.01",
                        "Pelaksanaan Pelatihan berdasarkan Unit Kompetensi",
                        "Pelatihan Kerja",
                        [
                            "0001:Proses Pelaksanaan Pendidikan dan Pelatihan Keterampilan bagi Pencari Kerja berdasarkan Klaster Kompetensi",
                            "0002:Pengadaan Peralatan Pelatihan",
                        ],
                    ),
                    K(
                        "2.02",
                        "Pembinaan Lembaga Pelatihan Kerja Swasta",
                        "Kelembagaan Pelatihan",
                        ["0001:Pengembangan Lembaga Pelatihan Kerja"],
                    ),
                ],
            ),
            P(
                "2.07.04",
                "Program Penempatan Tenaga Kerja",
                "Bidang Penempatan Tenaga Kerja dan Hubungan Industrial",
                "Meningkatnya penempatan tenaga kerja",
                [p("Jumlah pencari kerja yang ditempatkan", "orang", 2400, 300)],
                [0],
                [
                    K(
                        "2.01",
                        "Pelayanan antar Kerja di Daerah Kabupaten/Kota",
                        None,
                        ["0001:Penyediaan Layanan Informasi Pasar Kerja", "0003:Penyelenggaraan Bursa Kerja"],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="DP3AP2KB",
        name="Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
        head="Kepala Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana",
        prefix="2.08",
        staff=39,
        sub=None,
        pemda=[3],
        deg=["S.Sos.", "S.Psi.", "S.KM.", "S.H.", "S.E."],
        fung=[
            "Penyuluh Keluarga Berencana Ahli Pertama",
            "Penyuluh Keluarga Berencana Terampil",
            "Analis Perlindungan Anak",
            "Analis Pemberdayaan Perempuan",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            (
                "Meningkatnya kualitas hidup perempuan, anak, dan keluarga",
                [p("Indeks Pemberdayaan Gender", "indeks", 71.2, 0.8)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya perlindungan perempuan dan anak",
                [n("Jumlah kasus kekerasan terhadap perempuan dan anak", "kasus", 64, -6)],
                [0],
            ),
            (
                "Meningkatnya kualitas keluarga dan pengendalian penduduk",
                [n("Total Fertility Rate", "", 2.21, -0.03)],
                [0],
            ),
        ],
        programs=[
            P(
                "2.08.07",
                "Program Perlindungan Khusus Anak",
                "Bidang Perlindungan Perempuan dan Anak",
                "Meningkatnya layanan perlindungan khusus anak",
                [p("Persentase anak korban kekerasan yang mendapat layanan", "%", 90, 3)],
                [0],
                [
                    K(
                        "2.01",
                        "Pencegahan Kekerasan Terhadap Anak yang Melibatkan para Pihak Lingkup Daerah Kabupaten/Kota",
                        "Perlindungan Anak",
                        [
                            "0001:Pencegahan Kekerasan terhadap Anak yang Melibatkan Para Pihak",
                            "0002:Sosialisasi Kabupaten Layak Anak",
                        ],
                    ),
                    K(
                        "2.02",
                        "Penyediaan Layanan bagi Anak yang Memerlukan Perlindungan Khusus yang Memerlukan Koordinasi Tingkat Daerah Kabupaten/Kota",
                        "Perlindungan Anak",
                        [
                            "0001:Penyediaan Layanan Pengaduan Masyarakat bagi Anak yang Memerlukan Perlindungan Khusus",
                            "0002:Penyediaan Layanan Pendampingan Anak Korban Kekerasan",
                        ],
                    ),
                ],
            ),
            P(
                "2.14.03",
                "Program Pembinaan Keluarga Berencana (KB)",
                "Bidang Keluarga Berencana dan Ketahanan Keluarga",
                "Meningkatnya kesertaan ber-KB dan ketahanan keluarga",
                [p("Persentase peserta KB modern", "%", 62, 1.5), n("Persentase unmet need KB", "%", 11.5, -0.8)],
                [1],
                [
                    K(
                        "2.04",
                        "Pemberdayaan dan Peningkatan Peran Serta Organisasi Kemasyarakatan Tingkat Daerah Kabupaten/Kota dalam Pelaksanaan Pelayanan dan Pembinaan Kesertaan Ber-KB",
                        "Keluarga Berencana",
                        ["0002:Pembinaan Kesertaan Ber-KB", "0005:Pendampingan Keluarga Berisiko Stunting"],
                    ),
                ],
            ),
            P(
                "2.14.04",
                "Program Pemberdayaan dan Peningkatan Keluarga Sejahtera (KS)",
                "Bidang Keluarga Berencana dan Ketahanan Keluarga",
                "Meningkatnya ketahanan dan kesejahteraan keluarga",
                [p("Persentase keluarga dengan balita yang aktif dalam kelompok Bina Keluarga Balita", "%", 38, 4)],
                [1],
                [
                    K(
                        "2.01",
                        "Pelaksanaan Pembangunan Keluarga melalui Pembinaan Ketahanan dan Kesejahteraan Keluarga",
                        "Ketahanan Keluarga",
                        [
                            "0001:Pembinaan Bina Keluarga Balita (BKB)",
                            "0003:Pembinaan Pusat Pelayanan Keluarga Sejahtera",
                        ],
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="DKP",
        name="Dinas Ketahanan Pangan",
        head="Kepala Dinas Ketahanan Pangan",
        prefix="2.09",
        staff=32,
        sub=None,
        pemda=[4],
        deg=["S.P.", "S.TP.", "S.Gz.", "S.E."],
        fung=[
            "Analis Ketahanan Pangan Ahli Pertama",
            "Pengawas Mutu Hasil Pertanian Ahli Pertama",
            "Penyuluh Pertanian Ahli Pertama",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[("Meningkatnya ketahanan pangan daerah", [p("Indeks Ketahanan Pangan", "indeks", 74.6, 1.2)])],
        sasaran=[
            (
                "Meningkatnya ketersediaan dan keamanan pangan",
                [
                    p("Skor Pola Pangan Harapan", "skor", 86.1, 1.2),
                    n("Persentase penduduk rawan pangan", "%", 6.8, -0.6),
                ],
                [0],
            )
        ],
        programs=[
            P(
                "2.09.03",
                "Program Peningkatan Diversifikasi dan Ketahanan Pangan Masyarakat",
                "Bidang Ketersediaan dan Distribusi Pangan",
                "Meningkatnya ketersediaan pangan masyarakat",
                [p("Jumlah cadangan pangan pemerintah daerah", "ton", 110, 15)],
                [0],
                [
                    K(
                        "2.01",
                        "Penyediaan dan Penyaluran Pangan Pokok atau Pangan Lainnya sesuai dengan Kebutuhan Daerah Kabupaten/Kota dalam rangka Stabilisasi Pasokan dan Harga Pangan",
                        "Distribusi Pangan",
                        [
                            "0001:Penyediaan Infrastruktur dan Seluruh Pendukung Kemandirian Pangan",
                            "0003:Penyaluran Pangan Pokok",
                        ],
                    ),
                    K(
                        "2.02",
                        "Pengelolaan dan Keseimbangan Cadangan Pangan Kabupaten/Kota",
                        "Cadangan Pangan",
                        ["0001:Penyediaan dan Penyaluran Cadangan Pangan Pemerintah Kabupaten/Kota"],
                    ),
                ],
            ),
            P(
                "2.09.05",
                "Program Pengawasan Keamanan Pangan",
                "Bidang Konsumsi dan Keamanan Pangan",
                "Meningkatnya keamanan pangan segar yang beredar",
                [p("Persentase sampel pangan segar yang memenuhi syarat keamanan", "%", 88, 2)],
                [0],
                [
                    K(
                        "2.01",
                        "Pelaksanaan Pengawasan Keamanan Pangan Segar Daerah Kabupaten/Kota",
                        None,
                        ["0001:Pengawasan Keamanan Pangan Segar", "0002:Sosialisasi Keamanan Pangan Segar"],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="DLH",
        name="Dinas Lingkungan Hidup",
        head="Kepala Dinas Lingkungan Hidup",
        prefix="2.11",
        staff=52,
        sub=None,
        pemda=[9],
        deg=["S.T.", "S.Si.", "S.Hut.", "S.KM."],
        fung=[
            "Pengendali Dampak Lingkungan Ahli Muda",
            "Pengendali Dampak Lingkungan Ahli Pertama",
            "Pengawas Lingkungan Hidup Ahli Pertama",
            "Penyuluh Lingkungan Hidup",
            "Pengemudi Truk Sampah",
            "Penata Layanan Operasional",
        ],
        tujuan=[
            ("Meningkatnya kualitas lingkungan hidup", [p("Indeks Kualitas Lingkungan Hidup", "indeks", 66.45, 0.55)])
        ],
        sasaran=[
            (
                "Meningkatnya pengendalian pencemaran dan pengelolaan sampah",
                [p("Indeks Kualitas Air", "indeks", 52.3, 0.8), p("Persentase sampah yang tertangani", "%", 61, 4)],
                [0],
            )
        ],
        programs=[
            P(
                "2.11.11",
                "Program Pengelolaan Persampahan",
                "Bidang Pengelolaan Sampah",
                "Meningkatnya cakupan pengelolaan sampah",
                [p("Persentase sampah yang terkurangi melalui 3R", "%", 18, 3)],
                [0],
                [
                    K(
                        "2.01",
                        "Pengelolaan Sampah",
                        "Penanganan Sampah",
                        [
                            "0002:Penyediaan Sarana dan Prasarana Pengelolaan Sampah",
                            "0003:Penanganan Sampah dengan Melakukan Pemilahan, Pengumpulan, Pengangkutan, Pengolahan, dan Pemrosesan Akhir",
                            "0008:Peningkatan Kapasitas Tempat Pemrosesan Akhir Sampah",
                        ],
                    ),
                    K(
                        "2.03",
                        "Pembinaan dan Pengawasan Pengelolaan Sampah",
                        "Pengurangan Sampah",
                        ["0001:Pembinaan Bank Sampah", "0002:Pengawasan Pengelolaan Sampah oleh Pelaku Usaha"],
                    ),
                ],
            ),
            P(
                "2.11.03",
                "Program Pengendalian Pencemaran dan/atau Kerusakan Lingkungan Hidup",
                "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan",
                "Menurunnya beban pencemaran lingkungan",
                [p("Persentase usaha/kegiatan yang taat terhadap izin lingkungan", "%", 66, 5)],
                [0],
                [
                    K(
                        "2.01",
                        "Pencegahan Pencemaran dan/atau Kerusakan Lingkungan Hidup Kabupaten/Kota",
                        "Pencemaran Lingkungan",
                        [
                            "0001:Koordinasi, Sinkronisasi, dan Pelaksanaan Pencegahan Pencemaran Lingkungan Hidup",
                            "0004:Pemantauan Kualitas Air Sungai",
                        ],
                    ),
                    K(
                        "2.02",
                        "Penanggulangan Pencemaran dan/atau Kerusakan Lingkungan Hidup",
                        "Kerusakan Lingkungan",
                        ["0001:Penanggulangan Lahan Kritis", "0002:Rehabilitasi Kawasan Sempadan Sungai"],
                        n("Persentase luas lahan kritis", "%", 8.2, -0.5),
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="DISDUKCAPIL",
        name="Dinas Kependudukan dan Pencatatan Sipil",
        head="Kepala Dinas Kependudukan dan Pencatatan Sipil",
        prefix="2.12",
        staff=43,
        sub=None,
        pemda=[11],
        deg=["S.Kom.", "S.Sos.", "S.H.", "S.E."],
        fung=[
            "Administrator Database Kependudukan Ahli Pertama",
            "Pengadministrasi Kependudukan",
            "Operator Layanan Operasional",
            "Pranata Komputer Ahli Pertama",
        ],
        tujuan=[
            (
                "Meningkatnya kualitas pelayanan administrasi kependudukan",
                [p("Indeks Kepuasan Masyarakat layanan adminduk", "indeks", 82, 1)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya cakupan kepemilikan dokumen kependudukan",
                [
                    p("Persentase penduduk yang memiliki KTP-el", "%", 97.1, 0.6),
                    p("Persentase anak yang memiliki akta kelahiran", "%", 91, 2),
                ],
                [0],
            )
        ],
        programs=[
            P(
                "2.12.02",
                "Program Pendaftaran Penduduk",
                "Bidang Pelayanan Pendaftaran Penduduk",
                "Meningkatnya layanan pendaftaran penduduk tepat waktu",
                [p("Persentase dokumen pendaftaran penduduk yang terbit kurang dari 1 hari", "%", 85, 4)],
                [0],
                [
                    K(
                        "2.01",
                        "Pelayanan Pendaftaran Penduduk",
                        "Identitas Penduduk",
                        [
                            "0001:Penyelenggaraan Pendaftaran Penduduk",
                            "0003:Pelayanan Jemput Bola Perekaman KTP-el",
                            "0004:Pengadaan Blangko KTP-el",
                        ],
                    )
                ],
            ),
            P(
                "2.12.03",
                "Program Pencatatan Sipil",
                "Bidang Pelayanan Pencatatan Sipil",
                "Meningkatnya cakupan pencatatan sipil",
                [p("Persentase kelahiran yang tercatat dalam 60 hari", "%", 76, 5)],
                [0],
                [
                    K(
                        "2.01",
                        "Pelayanan Pencatatan Sipil",
                        None,
                        ["0001:Pencatatan Kelahiran dan Kematian", "0002:Pencatatan Perkawinan dan Perceraian"],
                    )
                ],
            ),
            P(
                "2.12.04",
                "Program Pengelolaan Informasi Administrasi Kependudukan",
                "Bidang Pengelolaan Informasi Administrasi Kependudukan",
                "Meningkatnya pemanfaatan data kependudukan",
                [p("Jumlah perangkat daerah yang memanfaatkan data kependudukan", "perangkat daerah", 14, 4)],
                [0],
                [
                    K(
                        "2.01",
                        "Pengumpulan Data Kependudukan dan Pemanfaatan dan Penyajian Database Kependudukan",
                        None,
                        [
                            "0001:Pengumpulan Data Kependudukan",
                            "0003:Pemanfaatan Data Kependudukan melalui Perjanjian Kerja Sama",
                        ],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="DPMD",
        name="Dinas Pemberdayaan Masyarakat dan Desa",
        head="Kepala Dinas Pemberdayaan Masyarakat dan Desa",
        prefix="2.13",
        staff=35,
        sub=None,
        pemda=[2],
        deg=["S.Sos.", "S.IP.", "S.E.", "S.P."],
        fung=[
            "Penggerak Swadaya Masyarakat Ahli Pertama",
            "Analis Pemerintahan Desa",
            "Pengelola Keuangan Desa",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[("Meningkatnya kemandirian desa", [p("Persentase desa mandiri", "%", 9, 3)])],
        sasaran=[
            (
                "Meningkatnya kapasitas pemerintahan desa dan lembaga kemasyarakatan",
                [p("Indeks Desa Membangun", "indeks", 0.66, 0.02)],
                [0],
            )
        ],
        programs=[
            P(
                "2.13.04",
                "Program Administrasi Pemerintahan Desa",
                "Bidang Pemerintahan Desa",
                "Meningkatnya tata kelola keuangan dan administrasi desa",
                [p("Persentase desa dengan APBDes tepat waktu", "%", 78, 5)],
                [0],
                [
                    K(
                        "2.01",
                        "Pembinaan dan Pengawasan Penyelenggaraan Administrasi Pemerintahan Desa",
                        "Administrasi Desa",
                        ["0001:Fasilitasi Penyusunan Produk Hukum Desa", "0004:Fasilitasi Pengelolaan Keuangan Desa"],
                    ),
                    K(
                        "2.02",
                        "Fasilitasi Penataan Desa",
                        "Penataan Desa",
                        ["0001:Fasilitasi Penetapan Batas Desa", "0002:Fasilitasi Pemilihan Kepala Desa"],
                    ),
                ],
            ),
            P(
                "2.13.05",
                "Program Pemberdayaan Lembaga Kemasyarakatan, Lembaga Adat dan Masyarakat Hukum Adat",
                "Bidang Pemberdayaan Masyarakat dan Kelembagaan",
                "Meningkatnya peran lembaga kemasyarakatan desa",
                [p("Persentase BUMDes berklasifikasi maju", "%", 12, 4)],
                [0],
                [
                    K(
                        "2.01",
                        "Pemberdayaan Lembaga Kemasyarakatan yang Bergerak di Bidang Pemberdayaan Desa dan Lembaga Adat Tingkat Daerah Kabupaten/Kota serta Pemberdayaan Masyarakat Hukum Adat yang Masyarakat Pelakunya Hukum Adat yang Sama dalam Daerah Kabupaten/Kota",
                        None,
                        [
                            "0001:Peningkatan Kapasitas Lembaga Kemasyarakatan Desa",
                            "0003:Pembinaan Badan Usaha Milik Desa",
                        ],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="DISHUB",
        name="Dinas Perhubungan",
        head="Kepala Dinas Perhubungan",
        prefix="2.15",
        staff=48,
        sub=None,
        pemda=[8],
        deg=["S.T.", "S.SiT.", "S.E.", "S.H."],
        fung=[
            "Penguji Kendaraan Bermotor Terampil",
            "Penguji Kendaraan Bermotor Ahli Pertama",
            "Asisten Penguji Kendaraan Bermotor",
            "Petugas Lalu Lintas",
            "Juru Parkir",
            "Penata Layanan Operasional",
        ],
        tujuan=[
            (
                "Meningkatnya keselamatan dan kelancaran transportasi",
                [n("Jumlah kecelakaan lalu lintas", "kejadian", 212, -12)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya keselamatan lalu lintas jalan",
                [n("Angka fatalitas kecelakaan lalu lintas", "per 100.000 penduduk", 5.2, -0.3)],
                [0],
            ),
            (
                "Meningkatnya kinerja angkutan umum dan perparkiran",
                [p("Persentase trayek angkutan umum yang terlayani", "%", 64, 4)],
                [0],
            ),
        ],
        programs=[
            P(
                "2.15.02",
                "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (LLAJ)",
                "Bidang Lalu Lintas",
                "Meningkatnya ketersediaan perlengkapan keselamatan jalan",
                [p("Persentase ruas jalan kabupaten dengan perlengkapan jalan memadai", "%", 45, 6)],
                [0],
                [
                    K(
                        "2.01",
                        "Penetapan Rencana Induk Jaringan LLAJ Kabupaten/Kota",
                        "Manajemen Rekayasa Lalu Lintas",
                        [
                            "0002:Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota",
                            "0004:Penyelenggaraan Analisis Dampak Lalu Lintas",
                        ],
                    ),
                    K(
                        "2.05",
                        "Pengujian Berkala Kendaraan Bermotor",
                        None,
                        [
                            "0001:Pelaksanaan Pengujian Berkala Kendaraan Bermotor",
                            "0002:Pemeliharaan Peralatan Pengujian Kendaraan Bermotor",
                        ],
                        unit="UPTD Pengujian Kendaraan Bermotor",
                    ),
                ],
            ),
            P(
                "2.15.02",
                "",
                "Bidang Angkutan dan Perparkiran",
                "Meningkatnya layanan angkutan umum dan perparkiran",
                [p("Persentase trayek angkutan perdesaan yang terlayani", "%", 62, 4)],
                [1],
                [
                    K(
                        "2.09",
                        "Penyediaan Angkutan Umum untuk Jasa Angkutan Orang dan/atau Barang Antar Kota dalam 1 (Satu) Daerah Kabupaten/Kota",
                        "Angkutan",
                        ["0001:Penyediaan Angkutan Umum Perdesaan", "0003:Pengawasan Pelayanan Angkutan Umum"],
                    ),
                    K(
                        "2.03",
                        "Pengelolaan Terminal Penumpang Tipe C",
                        "Terminal dan Perparkiran",
                        [
                            "0001:Pembangunan Prasarana Terminal Penumpang Tipe C",
                            "0003:Pengelolaan Parkir Tepi Jalan Umum",
                        ],
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="DISKOMINFO",
        name="Dinas Komunikasi, Informatika, Statistik dan Persandian",
        head="Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
        prefix="2.16",
        staff=42,
        sub=None,
        pemda=[11],
        deg=["S.Kom.", "S.Kom.", "S.T.", "S.I.Kom.", "S.Stat."],
        fung=[
            "Pranata Komputer Ahli Muda",
            "Pranata Komputer Ahli Pertama",
            "Pranata Hubungan Masyarakat Ahli Pertama",
            "Statistisi Ahli Pertama",
            "Sandiman Ahli Pertama",
            "Pranata Komputer Terampil",
        ],
        tujuan=[
            ("Meningkatnya penyelenggaraan pemerintahan berbasis elektronik", [p("Indeks SPBE", "indeks", 2.61, 0.2)])
        ],
        sasaran=[
            (
                "Meningkatnya keterpaduan layanan digital dan keterbukaan informasi",
                [
                    p("Indeks Keterbukaan Informasi Publik", "indeks", 78, 2),
                    p("Persentase layanan publik yang terdigitalisasi", "%", 46, 8),
                ],
                [0],
            )
        ],
        programs=[
            P(
                "2.16.03",
                "Program Aplikasi Informatika",
                "Bidang Aplikasi Informatika",
                "Meningkatnya integrasi aplikasi dan infrastruktur SPBE",
                [p("Persentase perangkat daerah yang terhubung jaringan intra pemerintah", "%", 74, 8)],
                [0],
                [
                    K(
                        "2.01",
                        "Pengelolaan Nama Domain yang telah Ditetapkan oleh Pemerintah Pusat dan Sub Domain di Lingkup Pemerintah Daerah Kabupaten/Kota",
                        "Infrastruktur TIK",
                        ["0001:Penatalaksanaan dan Pengawasan Nama Domain dan Sub Domain"],
                    ),
                    K(
                        "2.02",
                        "Pengelolaan e-government di Lingkup Pemerintah Daerah Kabupaten/Kota",
                        "Aplikasi dan Layanan e-Government",
                        [
                            "0001:Pengelolaan Pusat Data Daerah",
                            "0004:Pengembangan Aplikasi dan Proses Bisnis Pemerintahan Berbasis Elektronik",
                            "0009:Penyelenggaraan Sistem Jaringan Intra Pemerintah Daerah",
                        ],
                    ),
                ],
            ),
            P(
                "2.16.02",
                "Program Pengelolaan Informasi dan Komunikasi Publik",
                "Bidang Informasi dan Komunikasi Publik",
                "Meningkatnya penyebarluasan informasi publik",
                [p("Persentase permohonan informasi publik yang dilayani tepat waktu", "%", 90, 3)],
                [0],
                [
                    K(
                        "2.01",
                        "Pengelolaan Informasi dan Komunikasi Publik Pemerintah Daerah Kabupaten/Kota",
                        None,
                        [
                            "0002:Pengelolaan Konten dan Perencanaan Media Komunikasi Publik",
                            "0006:Layanan Hubungan Media",
                        ],
                    )
                ],
            ),
            P(
                "2.20.02",
                "Program Penyelenggaraan Statistik Sektoral",
                "Bidang Statistik dan Persandian",
                "Meningkatnya ketersediaan data statistik sektoral",
                [p("Persentase data sektoral yang terpublikasi di portal Satu Data", "%", 55, 10)],
                [0],
                [
                    K(
                        "2.01",
                        "Penyelenggaraan Statistik Sektoral di Lingkup Daerah Kabupaten/Kota",
                        None,
                        [
                            "0001:Koordinasi dan Sinkronisasi Pengumpulan, Pengolahan, Analisis dan Diseminasi Data Statistik Sektoral",
                            "0002:Penyusunan Buku Kabupaten Sukamaju dalam Angka",
                        ],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="DISKOPUKM",
        name="Dinas Koperasi, Usaha Kecil dan Menengah",
        head="Kepala Dinas Koperasi, Usaha Kecil dan Menengah",
        prefix="2.17",
        staff=31,
        sub=None,
        pemda=[5],
        deg=["S.E.", "S.E.", "S.Sos.", "S.H."],
        fung=["Pengawas Koperasi Ahli Pertama", "Penyuluh Koperasi", "Pendamping UMKM", "Pengadministrasi Perkantoran"],
        tujuan=[("Meningkatnya daya saing koperasi dan UMKM", [p("Pertumbuhan omzet UMKM binaan", "%", 6, 0.5)])],
        sasaran=[
            (
                "Meningkatnya kapasitas dan akses pasar koperasi dan UMKM",
                [p("Persentase koperasi aktif", "%", 58, 3), p("Jumlah UMKM naik kelas", "unit", 150, 30)],
                [0],
            )
        ],
        programs=[
            P(
                "2.17.03",
                "Program Pengawasan dan Pemeriksaan Koperasi",
                "Bidang Koperasi",
                "Meningkatnya kualitas kelembagaan koperasi",
                [p("Persentase koperasi yang melaksanakan RAT", "%", 52, 4)],
                [0],
                [
                    K(
                        "2.01",
                        "Pemeriksaan dan Pengawasan Koperasi, Koperasi Simpan Pinjam/Unit Simpan Pinjam Koperasi yang Wilayah Keanggotaannya dalam Daerah Kabupaten/Kota",
                        None,
                        ["0001:Pemeriksaan dan Pengawasan Koperasi", "0002:Penilaian Kesehatan Koperasi Simpan Pinjam"],
                    )
                ],
            ),
            P(
                "2.17.07",
                "Program Pemberdayaan Usaha Menengah, Usaha Kecil, dan Usaha Mikro (UMKM)",
                "Bidang Usaha Mikro",
                "Meningkatnya kapasitas usaha mikro",
                [p("Jumlah usaha mikro yang difasilitasi perizinan dan pemasaran", "unit", 900, 150)],
                [0],
                [
                    K(
                        "2.01",
                        "Pemberdayaan Usaha Mikro yang Dilakukan Melalui Pendataan, Kemitraan, Kemudahan Perizinan, Penguatan Kelembagaan dan Koordinasi dengan Para Pemangku Kepentingan",
                        "Pemberdayaan Usaha Mikro",
                        [
                            "0001:Fasilitasi Kemudahan Perizinan Berusaha bagi Usaha Mikro",
                            "0003:Fasilitasi Pemasaran Produk Usaha Mikro",
                        ],
                    ),
                    K(
                        "2.02",
                        "Pengembangan Usaha Mikro dengan Orientasi Peningkatan Skala Usaha Menjadi Usaha Kecil",
                        "Pengembangan Usaha",
                        ["0001:Pelatihan Kewirausahaan", "0002:Fasilitasi Pendampingan Usaha Mikro"],
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="DPMPTSP",
        name="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        head="Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        prefix="2.18",
        staff=32,
        sub=None,
        pemda=[5],
        deg=["S.E.", "S.H.", "S.Kom.", "S.AP."],
        fung=[
            "Analis Perizinan",
            "Penata Perizinan Ahli Pertama",
            "Analis Penanaman Modal",
            "Operator Layanan Operasional",
        ],
        tujuan=[("Meningkatnya iklim investasi daerah", [p("Nilai realisasi investasi", "miliar rupiah", 845, 60)])],
        sasaran=[
            (
                "Meningkatnya kualitas layanan perizinan berusaha",
                [
                    n("Rata-rata waktu penyelesaian izin", "hari", 6.5, -0.5),
                    p("Indeks Kepuasan Masyarakat layanan perizinan", "indeks", 83, 1),
                ],
                [0],
            )
        ],
        programs=[
            P(
                "2.18.03",
                "Program Promosi Penanaman Modal",
                "Bidang Promosi dan Pengembangan Iklim Penanaman Modal",
                "Meningkatnya minat investor",
                [p("Jumlah proyek investasi baru", "proyek", 120, 15)],
                [0],
                [
                    K(
                        "2.01",
                        "Penyelenggaraan Promosi Penanaman Modal yang menjadi Kewenangan Daerah Kabupaten/Kota",
                        None,
                        [
                            "0001:Pelaksanaan Kegiatan Promosi Penanaman Modal",
                            "0002:Penyusunan Profil Potensi Investasi",
                        ],
                    )
                ],
            ),
            P(
                "2.18.04",
                "Program Pelayanan Penanaman Modal",
                "Bidang Pelayanan Perizinan dan Non Perizinan",
                "Meningkatnya kecepatan layanan perizinan",
                [p("Persentase izin yang terbit sesuai SOP", "%", 91, 2)],
                [0],
                [
                    K(
                        "2.01",
                        "Pelayanan Perizinan dan Non Perizinan secara Terpadu Satu Pintu dibidang Penanaman Modal yang menjadi Kewenangan Daerah Kabupaten/Kota",
                        "Pelayanan Perizinan",
                        [
                            "0001:Penyediaan Pelayanan Terpadu Perizinan dan Nonperizinan Berbasis Sistem Pelayanan Perizinan Berusaha Terintegrasi Secara Elektronik",
                            "0003:Pemantauan Pemenuhan Komitmen Perizinan dan Non Perizinan Penanaman Modal",
                        ],
                    ),
                    K(
                        "2.02",
                        "Pengendalian Pelaksanaan Penanaman Modal",
                        "Pengendalian Penanaman Modal",
                        ["0001:Pengawasan Penanaman Modal", "0002:Pemantauan Laporan Kegiatan Penanaman Modal"],
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="DISPARPORA",
        name="Dinas Pariwisata, Pemuda dan Olahraga",
        head="Kepala Dinas Pariwisata, Pemuda dan Olahraga",
        prefix="3.26",
        staff=35,
        sub=None,
        pemda=[6],
        deg=["S.Par.", "S.E.", "S.Or.", "S.Sn.", "S.Sos."],
        fung=[
            "Adyatama Kepariwisataan dan Ekonomi Kreatif Ahli Pertama",
            "Analis Pariwisata",
            "Pelatih Olahraga",
            "Analis Kepemudaan",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            (
                "Meningkatnya kontribusi pariwisata dan ekonomi kreatif terhadap perekonomian",
                [p("Kontribusi sektor pariwisata terhadap PDRB", "%", 3.1, 0.2)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya daya tarik destinasi wisata",
                [p("Jumlah kunjungan wisatawan", "orang", 1250000, 75000)],
                [0],
            ),
            ("Meningkatnya prestasi pemuda dan olahraga", [p("Jumlah medali pada Porda", "medali", 46, 6)], [0]),
        ],
        programs=[
            P(
                "3.26.02",
                "Program Peningkatan Daya Tarik Destinasi Pariwisata",
                "Bidang Destinasi dan Pemasaran Pariwisata",
                "Meningkatnya kualitas destinasi dan pemasaran pariwisata",
                [p("Jumlah destinasi wisata yang dikembangkan", "destinasi", 12, 3)],
                [0],
                [
                    K(
                        "2.01",
                        "Pengelolaan Daya Tarik Wisata Kabupaten/Kota",
                        "Destinasi Wisata",
                        [
                            "0001:Pembangunan Sarana dan Prasarana Daya Tarik Wisata",
                            "0003:Pemeliharaan Daya Tarik Wisata",
                        ],
                    ),
                    K(
                        "2.02",
                        "Pemasaran Pariwisata Dalam dan Luar Negeri Daya Tarik, Destinasi dan Kawasan Strategis Pariwisata Kabupaten/Kota",
                        "Pemasaran Pariwisata",
                        [
                            "0001:Penyediaan Data dan Penyebaran Informasi Pariwisata",
                            "0002:Penyelenggaraan Festival Budaya Sukamaju",
                        ],
                    ),
                ],
            ),
            P(
                "2.19.03",
                "Program Pengembangan Kapasitas Daya Saing Keolahragaan",
                "Bidang Pemuda dan Olahraga",
                "Meningkatnya pembinaan olahraga prestasi",
                [p("Jumlah atlet berprestasi tingkat provinsi", "orang", 80, 10)],
                [1],
                [
                    K(
                        "2.02",
                        "Penyelenggaraan Kejuaraan Olahraga Tingkat Daerah Kabupaten/Kota",
                        None,
                        [
                            "0001:Penyelenggaraan Kejuaraan Olahraga Tingkat Kabupaten",
                            "0002:Pembinaan Atlet Berprestasi",
                        ],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="DISPERTAN",
        name="Dinas Pertanian",
        head="Kepala Dinas Pertanian",
        prefix="3.27",
        staff=59,
        sub=None,
        pemda=[4],
        deg=["S.P.", "S.P.", "S.Pt.", "S.TP."],
        fung=[
            "Penyuluh Pertanian Ahli Muda",
            "Penyuluh Pertanian Ahli Pertama",
            "Penyuluh Pertanian Terampil",
            "Pengawas Benih Tanaman Ahli Pertama",
            "Medik Veteriner Ahli Pertama",
            "Paramedik Veteriner Terampil",
            "Pengendali Organisme Pengganggu Tumbuhan Ahli Pertama",
        ],
        tujuan=[
            ("Meningkatnya produktivitas dan kesejahteraan petani", [p("Nilai Tukar Petani", "indeks", 104.2, 0.8)])
        ],
        sasaran=[
            (
                "Meningkatnya produksi tanaman pangan dan hortikultura",
                [p("Produktivitas padi", "kuintal/ha", 58.4, 0.6)],
                [0],
            ),
            ("Meningkatnya populasi dan kesehatan ternak", [p("Populasi sapi potong", "ekor", 18200, 600)], [0]),
        ],
        programs=[
            P(
                "3.27.03",
                "Program Penyediaan dan Pengembangan Prasarana Pertanian",
                "Bidang Tanaman Pangan dan Hortikultura",
                "Meningkatnya prasarana produksi pertanian",
                [p("Luas lahan pertanian yang terlayani jaringan irigasi tersier", "ha", 4200, 300)],
                [0],
                [
                    K(
                        "2.02",
                        "Pembangunan Prasarana Pertanian",
                        "Prasarana Pertanian",
                        ["0001:Pembangunan Jaringan Irigasi Tersier", "0003:Pembangunan Jalan Usaha Tani"],
                    ),
                ],
            ),
            P(
                "3.27.02",
                "Program Penyediaan dan Pengembangan Sarana Pertanian",
                "Bidang Tanaman Pangan dan Hortikultura",
                "Meningkatnya ketersediaan sarana produksi pertanian",
                [p("Persentase kebutuhan benih bersertifikat yang terpenuhi", "%", 64, 4)],
                [0],
                [
                    K(
                        "2.01",
                        "Pengawasan Penggunaan Sarana Pertanian",
                        "Sarana Pertanian",
                        [
                            "0001:Penyediaan Benih/Bibit Tanaman Pangan dan Hortikultura",
                            "0002:Pengawasan Peredaran Pupuk Bersubsidi",
                        ],
                    ),
                ],
            ),
            P(
                "3.27.07",
                "Program Penyuluhan Pertanian",
                "Bidang Penyuluhan",
                "Meningkatnya kapasitas kelembagaan petani",
                [p("Persentase kelompok tani kelas madya dan utama", "%", 38, 4)],
                [0],
                [
                    K(
                        "2.01",
                        "Pelaksanaan Penyuluhan Pertanian",
                        None,
                        [
                            "0001:Pengembangan Kapasitas Kelembagaan Petani",
                            "0002:Penyelenggaraan Sekolah Lapang Pertanian",
                        ],
                    )
                ],
            ),
            P(
                "3.27.04",
                "Program Pengendalian Kesehatan Hewan dan Kesehatan Masyarakat Veteriner",
                "Bidang Peternakan dan Kesehatan Hewan",
                "Meningkatnya kesehatan hewan ternak",
                [n("Persentase kasus penyakit hewan menular strategis", "%", 4.5, -0.5)],
                [1],
                [
                    K(
                        "2.01",
                        "Penjaminan Kesehatan Hewan, Penutupan dan Pembukaan Daerah Wabah Penyakit Hewan Menular dalam Daerah Kabupaten/Kota",
                        "Kesehatan Hewan",
                        ["0001:Vaksinasi Ternak", "0002:Pengawasan Lalu Lintas Ternak"],
                    ),
                    K(
                        "2.02",
                        "Pengawasan Pemasukan dan Pengeluaran Hewan dan Produk Hewan Daerah Kabupaten/Kota",
                        "Kesehatan Masyarakat Veteriner",
                        ["0001:Pengawasan Rumah Potong Hewan"],
                    ),
                ],
            ),
        ],
    ),
    dict(
        key="DISPERKAN",
        name="Dinas Perikanan",
        head="Kepala Dinas Perikanan",
        prefix="3.25",
        staff=29,
        sub=None,
        pemda=[4],
        deg=["S.Pi.", "S.Pi.", "S.P.", "S.E."],
        fung=[
            "Penyuluh Perikanan Ahli Pertama",
            "Penyuluh Perikanan Terampil",
            "Pengawas Perikanan",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            (
                "Meningkatnya produksi dan nilai tambah perikanan",
                [p("Nilai Tukar Pembudidaya Ikan", "indeks", 101.3, 0.6)],
            )
        ],
        sasaran=[
            ("Meningkatnya produksi perikanan budidaya", [p("Produksi perikanan budidaya", "ton", 14500, 700)], [0])
        ],
        programs=[
            P(
                "3.25.04",
                "Program Pengelolaan Perikanan Budidaya",
                "Bidang Perikanan Budidaya",
                "Meningkatnya produktivitas pembudidaya ikan",
                [p("Produktivitas kolam budidaya", "ton/ha", 7.2, 0.3)],
                [0],
                [
                    K(
                        "2.02",
                        "Pemberdayaan Pembudi Daya Ikan Kecil",
                        "Produksi Perikanan Budidaya",
                        [
                            "0001:Penyediaan Prasarana Pembudidayaan Ikan",
                            "0003:Pemberian Benih Ikan kepada Pembudidaya Ikan Kecil",
                        ],
                    ),
                    K(
                        "2.04",
                        "Pengelolaan Pembudidayaan Ikan",
                        "Kesehatan Ikan dan Lingkungan",
                        ["0001:Pengendalian Penyakit Ikan", "0002:Pengelolaan Balai Benih Ikan"],
                    ),
                ],
            ),
            P(
                "3.25.06",
                "Program Pengolahan dan Pemasaran Hasil Perikanan",
                "Bidang Pengolahan dan Pemasaran Hasil Perikanan",
                "Meningkatnya nilai tambah produk perikanan",
                [p("Angka konsumsi ikan", "kg/kapita/tahun", 31.5, 1.2)],
                [0],
                [
                    K(
                        "2.02",
                        "Pembinaan Mutu dan Keamanan Hasil Perikanan Bagi Usaha Pengolahan dan Pemasaran Skala Mikro dan Kecil",
                        None,
                        ["0001:Pembinaan Mutu Hasil Perikanan", "0002:Kampanye Gemar Makan Ikan"],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="DISPERINDAG",
        name="Dinas Perindustrian dan Perdagangan",
        head="Kepala Dinas Perindustrian dan Perdagangan",
        prefix="3.30",
        staff=34,
        sub=None,
        pemda=[5],
        deg=["S.E.", "S.T.", "S.TP.", "S.H."],
        fung=[
            "Penera Ahli Pertama",
            "Penera Terampil",
            "Pengawas Perdagangan Ahli Pertama",
            "Penyuluh Perindustrian",
            "Pengelola Pasar",
        ],
        tujuan=[
            (
                "Meningkatnya kinerja sektor industri dan perdagangan",
                [p("Kontribusi sektor industri pengolahan terhadap PDRB", "%", 17.4, 0.3)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya stabilitas harga dan kualitas sarana perdagangan",
                [n("Koefisien variasi harga bahan pokok", "%", 6.1, -0.4)],
                [0],
            ),
            (
                "Meningkatnya jumlah dan daya saing industri kecil dan menengah",
                [p("Jumlah IKM bersertifikat halal", "unit", 310, 60)],
                [0],
            ),
        ],
        programs=[
            P(
                "3.30.03",
                "Program Peningkatan Sarana Distribusi Perdagangan",
                "Bidang Perdagangan",
                "Meningkatnya kualitas pasar rakyat",
                [p("Persentase pasar rakyat dalam kondisi baik", "%", 58, 6)],
                [0],
                [
                    K(
                        "2.01",
                        "Pembangunan dan Pengelolaan Sarana Distribusi Perdagangan",
                        "Sarana Distribusi",
                        ["0001:Pembangunan Pasar Rakyat", "0003:Revitalisasi Pasar Rakyat"],
                    ),
                ],
            ),
            P(
                "3.30.04",
                "Program Stabilisasi Harga Barang Kebutuhan Pokok dan Barang Penting",
                "Bidang Perdagangan",
                "Terjaganya ketersediaan dan harga barang kebutuhan pokok",
                [n("Koefisien variasi harga barang kebutuhan pokok", "%", 9.5, -0.5)],
                [0],
                [
                    K(
                        "2.01",
                        "Menjamin Ketersediaan Barang Kebutuhan Pokok dan Barang Penting di Tingkat Daerah Kabupaten/ Kota",
                        "Stabilisasi Harga",
                        ["0001:Pemantauan Harga dan Stok Barang Kebutuhan Pokok", "0002:Pelaksanaan Operasi Pasar"],
                    ),
                ],
            ),
            P(
                "3.31.02",
                "Program Perencanaan dan Pembangunan Industri",
                "Bidang Perindustrian",
                "Meningkatnya kapasitas IKM",
                [p("Jumlah IKM yang difasilitasi", "unit", 240, 30)],
                [1],
                [
                    K(
                        "2.01",
                        "Penyusunan dan Evaluasi Rencana Pembangunan Industri Kabupaten/Kota",
                        None,
                        ["0001:Fasilitasi Sertifikasi Halal bagi IKM", "0002:Pelatihan Desain Kemasan Produk IKM"],
                    )
                ],
            ),
        ],
    ),
    dict(
        key="DISPUSIP",
        name="Dinas Perpustakaan dan Kearsipan",
        head="Kepala Dinas Perpustakaan dan Kearsipan",
        prefix="2.23",
        staff=28,
        sub=None,
        pemda=[1],
        deg=["S.Hum.", "S.IP.", "S.Sos.", "S.Kom."],
        fung=[
            "Pustakawan Ahli Pertama",
            "Pustakawan Terampil",
            "Arsiparis Ahli Muda",
            "Arsiparis Terampil",
            "Pengadministrasi Perkantoran",
        ],
        tujuan=[
            (
                "Meningkatnya budaya literasi dan tertib arsip",
                [p("Indeks Pembangunan Literasi Masyarakat", "indeks", 58, 2)],
            )
        ],
        sasaran=[
            (
                "Meningkatnya minat baca masyarakat dan kualitas pengelolaan arsip",
                [
                    p("Tingkat Gemar Membaca", "nilai", 61.2, 1.5),
                    p("Nilai pengawasan kearsipan internal", "nilai", 68, 3),
                ],
                [0],
            )
        ],
        programs=[
            P(
                "2.23.02",
                "Program Pembinaan Perpustakaan",
                "Bidang Perpustakaan",
                "Meningkatnya layanan perpustakaan",
                [p("Jumlah pemustaka", "orang", 58000, 4000)],
                [0],
                [
                    K(
                        "2.01",
                        "Pengelolaan Perpustakaan Tingkat Daerah Kabupaten/Kota",
                        "Layanan Perpustakaan",
                        ["0001:Pengembangan Koleksi Perpustakaan", "0004:Penyediaan Layanan Perpustakaan Keliling"],
                    ),
                    K(
                        "2.02",
                        "Pembudayaan Gemar Membaca Tingkat Daerah Kabupaten/Kota",
                        "Pembudayaan Gemar Membaca",
                        ["0001:Peningkatan Partisipasi Masyarakat dalam Pembudayaan Gemar Membaca"],
                    ),
                ],
            ),
            P(
                "2.24.02",
                "Program Pengelolaan Arsip",
                "Bidang Kearsipan",
                "Meningkatnya tertib pengelolaan arsip perangkat daerah",
                [p("Persentase perangkat daerah yang menerapkan SRIKANDI", "%", 48, 10)],
                [0],
                [
                    K(
                        "2.01",
                        "Pengelolaan Arsip Dinamis Daerah Kabupaten/Kota",
                        "Pengelolaan Arsip",
                        ["0001:Pengelolaan Arsip Dinamis", "0002:Penerapan Aplikasi Umum Bidang Kearsipan"],
                    ),
                    K(
                        "2.02",
                        "Pengelolaan Arsip Statis Daerah Kabupaten/Kota",
                        "Arsip Statis",
                        ["0001:Akuisisi Arsip Statis", "0002:Preservasi Arsip Statis"],
                    ),
                    K(
                        "2.03",
                        "Pengelolaan Simpul Jaringan Informasi Kearsipan Nasional Tingkat Kabupaten/Kota",
                        None,
                        ["0001:Pengelolaan Simpul Jaringan Informasi Kearsipan"],
                    ),
                ],
            ),
        ],
    ),
] + [
    kecamatan(f"KEC{i + 1:02d}", place, staff)
    for i, (place, staff) in enumerate(zip(KEC_NAMES, KEC_STAFF, strict=True))
]

# ---- People ---------------------------------------------------------------------------------
MALE_FIRST = [
    "Agus",
    "Asep",
    "Budi",
    "Cecep",
    "Dadang",
    "Dedi",
    "Deni",
    "Dimas",
    "Eko",
    "Encep",
    "Fajar",
    "Firman",
    "Gilang",
    "Hadi",
    "Hendra",
    "Ilham",
    "Irfan",
    "Iwan",
    "Joko",
    "Rahmat",
    "Ridwan",
    "Rizky",
    "Rudi",
    "Taufik",
    "Teguh",
    "Ujang",
    "Wawan",
    "Yayan",
    "Yusuf",
    "Ahmad",
    "Muhammad",
    "Bambang",
    "Slamet",
    "Arief",
    "Aditya",
    "Bayu",
    "Hasan",
    "Andri",
    "Ade",
    "Dodi",
    "Galih",
    "Jajang",
    "Nandang",
    "Oman",
    "Usep",
    "Rendi",
    "Kiki",
    "Faisal",
    "Gugun",
    "Herman",
    "Lukman",
    "Sutrisno",
    "Yogi",
    "Reza",
]
FEMALE_FIRST = [
    "Siti",
    "Dewi",
    "Sri",
    "Nining",
    "Euis",
    "Neneng",
    "Rina",
    "Yuli",
    "Nurul",
    "Ratna",
    "Wulan",
    "Ayu",
    "Fitri",
    "Lina",
    "Rika",
    "Intan",
    "Putri",
    "Indah",
    "Desi",
    "Lilis",
    "Tati",
    "Nia",
    "Anisa",
    "Mega",
    "Kartika",
    "Yanti",
    "Ani",
    "Rosita",
    "Cucu",
    "Enok",
    "Imas",
    "Iis",
    "Tuti",
    "Dina",
    "Sari",
    "Ratih",
    "Mira",
    "Eva",
    "Rini",
    "Yuyun",
    "Astri",
    "Gita",
    "Nurlela",
    "Heni",
    "Irma",
    "Santi",
    "Winda",
]
MALE_LAST = [
    "Hidayat",
    "Setiawan",
    "Kurniawan",
    "Saputra",
    "Permana",
    "Nugraha",
    "Gunawan",
    "Suryana",
    "Sumarna",
    "Supriatna",
    "Hermawan",
    "Maulana",
    "Ramdani",
    "Firmansyah",
    "Pratama",
    "Wijaya",
    "Santoso",
    "Prasetyo",
    "Hakim",
    "Mulyadi",
    "Sopandi",
    "Rustandi",
    "Kusnadi",
    "Syahrul",
    "Hidayatullah",
    "Sudrajat",
    "Rahman",
]
FEMALE_LAST = [
    "Rahayu",
    "Lestari",
    "Wulandari",
    "Susanti",
    "Handayani",
    "Purnamasari",
    "Nurhayati",
    "Rohmah",
    "Fauziah",
    "Kusumawati",
    "Anggraeni",
    "Sulastri",
    "Mulyani",
    "Sopiah",
    "Komariah",
    "Nurjanah",
    "Rosmiati",
    "Maryani",
    "Oktaviani",
    "Septiani",
    "Agustina",
    "Kurniasih",
    "Herawati",
    "Suryani",
]
MALE_MIDDLE = ["Nur", "Dwi", "Tri", "Eka", "Adi", "Budi", "Putra", "Rizal"]
FEMALE_MIDDLE = ["Nur", "Dwi", "Tri", "Eka", "Dian", "Ayu", "Sri", "Puspita"]
DEGREE_BY_WORD = {
    "guru": "S.Pd.",
    "sekolah": "S.Pd.",
    "sd negeri": "S.Pd.",
    "puskesmas": "S.K.M.",
    "smp negeri": "S.Pd.",
    "komputer": "S.Kom.",
    "keuangan": "S.E.",
    "bendahara": "S.Ak.",
    "hukum": "S.H.",
    "perancang": "S.H.",
    "statistisi": "S.Stat.",
    "perencana": "S.E.",
    "arsiparis": "S.Hum.",
}
MASTER = ["M.Si.", "M.M.", "M.AP.", "M.Pd.", "M.T.", "M.Kes.", "M.H.", "M.E."]
RHK_TASKS = [
    "Tersusunnya laporan pelaksanaan",
    "Terverifikasinya data dan dokumen",
    "Terlaksananya koordinasi teknis",
    "Terkelolanya administrasi",
    "Tersusunnya bahan rekomendasi kebijakan",
    "Terlaksananya monitoring dan evaluasi",
    "Terlayaninya permohonan masyarakat dalam rangka",
    "Tersedianya data pendukung",
    "Terlaksananya pendampingan teknis",
    "Tersusunnya dokumen pertanggungjawaban",
    "Tersusunnya kerangka acuan kerja",
    "Tersusunnya rencana kerja dan jadwal",
    "Terlaksananya pengumpulan dan pengolahan data",
    "Tersusunnya telaahan staf",
    "Terlaksananya verifikasi lapangan",
    "Tersusunnya laporan realisasi fisik dan keuangan",
    "Terlaksananya fasilitasi rapat koordinasi",
    "Tersusunnya standar operasional prosedur",
    "Terinputnya data ke aplikasi",
    "Terdokumentasinya hasil",
]


def _uptd(name: str, kegiatan: str, staff: tuple[int, int], pool: str) -> dict[str, Any]:
    """A unit pelaksana teknis: its name, the kegiatan whose result its head holds, its staff range and pool."""
    return {"name": name, "kegiatan": kegiatan, "staff": staff, "pool": pool}


# puskesmas (UPTD of Dinas Kesehatan: one per kecamatan, two where the kecamatan is large) and sekolah negeri under
# Dinas Pendidikan (six SD a kecamatan, one or two SMP): the staff of the puskesmas and sekolah are their nakes and guru
UPTD: dict[str, list[dict[str, Any]]] = {
    "DINKES": [_uptd(f"UPTD Puskesmas {place}", "1.02.02.2.02", (24, 40), "nakes") for place in KEC_NAMES]
    + [_uptd(f"UPTD Puskesmas {place} Selatan", "1.02.02.2.02", (18, 28), "nakes") for place in KEC_NAMES[:2]],
    "DISDIK": [
        _uptd(f"SD Negeri {n} {place}", "1.01.02.2.01", (6, 11), "guru") for place in KEC_NAMES for n in range(1, 9)
    ]
    + [
        _uptd(f"SMP Negeri {n} {place}", "1.01.02.2.02", (18, 28), "guru")
        for i, place in enumerate(KEC_NAMES)
        for n in range(1, 3 if i < 8 else 2)
    ],
}

# ---- the APBD (docs/sample.md) ------------------------------------------------------------------------------------
# yearly cost of one ASN in rupiah (gaji, tunjangan and TPP) by role; a PPPK earns the gaji of the grade without TPP
SALARY = {"head": 360_000_000, "admin": 216_000_000, "pengawas": 150_000_000, "staff": 102_000_000, "pppk": 66_000_000}
APBD_TOTAL = 1_500_000_000_000  # the pagu of every sub-kegiatan together (a kabupaten spends Rp 1-4 trillion)
# each perangkat daerah's share of the APBD (normalised): education >= 20 % and health >= 10 % (mandatory spending,
# UU 20/2003 and UU 36/2009, still the planners' yardstick), public works next; a kecamatan a small share ("KEC")
APBD_SHARE = {
    "DISDIK": 0.27,
    "DINKES": 0.10,
    "RSUD": 0.06,
    "DPUPR": 0.12,
    "DPRKP": 0.03,
    "SETDA": 0.035,
    "SETWAN": 0.025,
    "BPKAD": 0.03,
    "BAPENDA": 0.012,
    "INSP": 0.008,
    "BAPPEDA": 0.01,
    "BKPSDM": 0.008,
    "KESBANGPOL": 0.004,
    "BPBD": 0.006,
    "SATPOLPP": 0.01,
    "DINSOS": 0.009,
    "DISNAKER": 0.005,
    "DP3AP2KB": 0.008,
    "DKP": 0.005,
    "DLH": 0.02,
    "DISDUKCAPIL": 0.007,
    "DPMD": 0.006,
    "DISHUB": 0.01,
    "DISKOMINFO": 0.008,
    "DISKOPUKM": 0.004,
    "DPMPTSP": 0.004,
    "DISPARPORA": 0.008,
    "DISPERTAN": 0.02,
    "DISPERKAN": 0.006,
    "DISPERINDAG": 0.006,
    "DISPUSIP": 0.004,
    "KEC": 0.0035,
}
# what a sub-kegiatan's work costs, relative, by the first word of its name (or a phrase in it, checked first):
# construction, equipment, school and health operations cost far more than documents, meetings and coordination
PAGU_PHRASES = {"Dana BOS": 12.0, "Operasional Pelayanan": 8.0, "Biaya Personil": 5.0, "Pendidik dan Tenaga": 5.0}
PAGU_WEIGHTS = {
    **dict.fromkeys(("Pembangunan", "Rehabilitasi", "Peningkatan"), 10.0),
    **dict.fromkeys(("Pengadaan", "Pemeliharaan", "Pemeliharaan/Rehabilitasi", "Operasi"), 5.0),
    **dict.fromkeys(("Penyediaan", "Pengelolaan", "Pelayanan", "Penanganan", "Pelaksanaan"), 1.5),
    **dict.fromkeys(
        ("Penyusunan", "Koordinasi", "Fasilitasi", "Evaluasi", "Pembinaan", "Monitoring", "Sosialisasi", "Pembahasan"),
        0.4,
    ),
}


def pagu_weight(name: str) -> float:
    """The relative cost of a sub-kegiatan's work, from its name (PAGU_PHRASES, PAGU_WEIGHTS; 1 otherwise)."""
    phrase = next((weight for words, weight in PAGU_PHRASES.items() if words in name), None)
    return phrase or PAGU_WEIGHTS.get(name.split(" ")[0], 1.0)
