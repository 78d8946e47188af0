import Foundation
import KhoCore

exit(CommandRunner.main(.report))
