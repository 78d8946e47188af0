import Foundation
import KhoCore

exit(CommandRunner.main(PublishCommand.self))
