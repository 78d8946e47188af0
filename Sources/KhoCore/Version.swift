public enum KhoDuLieu { public static let version = "0.1.0" }
